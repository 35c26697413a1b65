/** `npm run register`: overwrites the bot's slash commands with the current definitions. */
import { REST } from 'discord.js';
import { COMMAND_DEFINITIONS } from './commandList.js';
import { ConfigError, loadConfig } from './config.js';
import { registerCommands } from './discord/registerCommands.js';
import { loadDotEnv } from './envFile.js';
import { createLogger } from './logger.js';

try {
  loadDotEnv();
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel, undefined, [config.discord.token, config.runcomfy.token]);
  const rest = new REST({ api: config.discord.apiBaseUrl }).setToken(config.discord.token);
  const result = await registerCommands(rest, config.discord.applicationId, config.discord.guildId, COMMAND_DEFINITIONS, logger, true);
  process.stdout.write(`Commands ${result} (${config.discord.guildId ? `server ${config.discord.guildId}` : 'global'}).\n`);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `Registration failed: ${String(error)}`}\n`);
  process.exit(1);
}
