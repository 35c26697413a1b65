import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear, so a token that slips into a logged object (a
 * config, request headers, an interaction) never reaches the log.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'config.discord.token',
  'config.runcomfy.token',
];

export function createLogger(level: string, destination?: DestinationStream, secrets: readonly string[] = []): Logger {
  const scrub = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Belt and braces: a secret embedded in free text (an error message quoting a URL or a
      // header) is replaced before the line is written.
      hooks: scrub.length
        ? {
            streamWrite: (line: string) => scrub.reduce((out, secret) => out.split(secret).join('[redacted]'), line),
          }
        : {},
    },
    destination,
  );
}
