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

/** Interaction and webhook tokens ride in URL paths; anyone holding one can post as the bot. */
const TOKEN_IN_PATH = /\/(interactions\/\d+|webhooks\/\d+)\/[A-Za-z0-9._-]{20,}/g;

export function redactTokenPaths(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/[redacted]');
}

/** discord.js errors carry the request's URL and body as their own fields; pino would copy both. */
function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  if (typeof serialized.url === 'string') serialized.url = redactTokenPaths(serialized.url);
  delete serialized.requestBody;
  return serialized;
}

export function createLogger(level: string, destination?: DestinationStream, secrets: readonly string[] = []): Logger {
  const scrub = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      // Belt and braces: a secret embedded in free text (an error message quoting a URL or a
      // header) is replaced before the line is written.
      hooks: {
        streamWrite: (line: string) => redactTokenPaths(scrub.reduce((out, secret) => out.split(secret).join('[redacted]'), line)),
      },
    },
    destination,
  );
}
