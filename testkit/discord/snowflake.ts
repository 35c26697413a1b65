/** Discord's epoch (2015-01-01): snowflakes carry milliseconds since it in their top 42 bits. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * Realistic, strictly increasing snowflakes. discord.js reads timestamps out of ids
 * (`createdTimestamp`, the 14-day rule for deleting old messages), and `@discordjs/rest`
 * only recognises ids of 17 to 19 digits as rate-limit major parameters.
 */
export class SnowflakeGenerator {
  #last = 0n;

  next(now: number = Date.now()): string {
    let id = (BigInt(now) - DISCORD_EPOCH_MS) << 22n;
    if (id <= this.#last) id = this.#last + 1n;
    this.#last = id;
    return id.toString();
  }

  /**
   * The next id whose guild would land on `shardId` of `shardCount`: its timestamp moves forward
   * by less than `shardCount` milliseconds, so ids stay increasing and realistic.
   */
  nextOnShard(shardId: number, shardCount: number, now: number = Date.now()): string {
    let id = BigInt(this.next(now));
    while (shardOfGuild(id.toString(), shardCount) !== shardId) id += 1n << 22n;
    this.#last = id;
    return id.toString();
  }
}

/** Discord's sharding formula: the shard that receives a guild's events, `(guild_id >> 22) % num_shards`. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
