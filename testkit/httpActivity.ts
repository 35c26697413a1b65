import type { Server } from 'node:http';

/**
 * What a loopback server is doing right now. A world with a simulated clock moves time only while
 * the bot has no request in flight to either fake, so a step of the clock never lands in the
 * middle of an exchange.
 */
export interface HttpActivity {
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /** Grows with every request started or finished; unchanged means nothing happened meanwhile. */
  readonly changes: number;
}

export function trackHttpActivity(server: Server): HttpActivity {
  let inFlight = 0;
  let changes = 0;
  server.on('request', (_req, res) => {
    inFlight++;
    changes++;
    res.once('close', () => {
      inFlight--;
      changes++;
    });
  });
  return {
    get inFlight() {
      return inFlight;
    },
    get changes() {
      return changes;
    },
  };
}
