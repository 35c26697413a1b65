/**
 * Requests per address in a sliding minute, for sign-in and search: enough for a person, too few
 * for a script guessing codes or hammering the index. In memory, per process: behind several
 * processes an address gets each process's allowance, which still bounds it.
 */
export class RateLimit {
  readonly #hits = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `address` may go on; counts the request. */
  take(address: string): boolean {
    const now = this.now();
    const recent = (this.#hits.get(address) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= this.perMinute) {
      this.#hits.set(address, recent);
      return false;
    }
    recent.push(now);
    this.#hits.set(address, recent);
    // Forget idle addresses now and then, so the map does not grow with every visitor ever seen.
    if (this.#hits.size > 10_000) for (const [key, hits] of this.#hits) if ((hits.at(-1) ?? 0) <= now - 60_000) this.#hits.delete(key);
    return true;
  }
}
