/** Discord's upload limit for a server without boosts; interactions report each server's real figure. */
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;
