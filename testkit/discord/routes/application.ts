import { ApplicationFlags } from 'discord.js';
import type { FakeContext } from '../context.js';
import { discordErrors } from '../errors.js';
import { apiChannel, apiGuild, apiMember, apiRole, apiUser } from '../payloads.js';
import { noContent, ok, type RestRequest, type Route } from '../rest.js';
import { type JsonObject, requireObject, validateCommands } from '../validation.js';

/** Gateway discovery, users, the application, its commands, and guild reads. */
export function applicationRoutes(context: FakeContext): Route[] {
  const { state } = context;

  const scopeOf = (request: RestRequest): string => {
    if (request.params.applicationId !== context.applicationId) throw discordErrors.missingAccess();
    const guildId = request.params.guildId;
    if (guildId !== undefined) state.requireGuild(guildId);
    return guildId ?? '';
  };

  /** Discord keeps a command's id across overwrites when its name and type are unchanged. */
  const toStored = (scope: string, command: JsonObject, previous: JsonObject[]): JsonObject => {
    const type = typeof command.type === 'number' ? command.type : 1;
    const existing = previous.find((old) => old.name === command.name && (old.type ?? 1) === type);
    return {
      default_member_permissions: null,
      nsfw: false,
      ...command,
      // Message and user commands have no description on Discord; they come back with "".
      ...(type === 1 ? {} : { description: '' }),
      type,
      id: typeof existing?.id === 'string' ? existing.id : state.newId(),
      application_id: context.applicationId,
      version: state.newId(),
      ...(scope ? { guild_id: scope } : {}),
    };
  };

  const commandRoutes = (prefix: string): Route[] => [
    {
      method: 'GET',
      pattern: `${prefix}/commands`,
      auth: true,
      handle: (request) => {
        const stored = state.commands.get(scopeOf(request)) ?? [];
        // discord-facts.md "Reading the registered commands back": the translations come back only
        // when asked for with `with_localizations=true`.
        return ok(request.query.get('with_localizations') === 'true' ? stored : stored.map(withoutLocalizations));
      },
    },
    {
      method: 'PUT',
      pattern: `${prefix}/commands`,
      auth: true,
      handle: (request) => {
        const scope = scopeOf(request);
        const previous = state.commands.get(scope) ?? [];
        const stored = validateCommands(request.json).map((command) => toStored(scope, command, previous));
        state.commands.set(scope, stored);
        return ok(stored);
      },
    },
    {
      method: 'POST',
      pattern: `${prefix}/commands`,
      auth: true,
      handle: (request) => {
        const scope = scopeOf(request);
        const [command] = validateCommands([requireObject(request.json)]);
        const previous = state.commands.get(scope) ?? [];
        const stored = toStored(scope, command ?? {}, previous);
        state.commands.set(scope, [...previous.filter((old) => old.id !== stored.id), stored]);
        return { status: previous.some((old) => old.id === stored.id) ? 200 : 201, body: stored };
      },
    },
    {
      method: 'DELETE',
      pattern: `${prefix}/commands/:commandId`,
      auth: true,
      handle: (request) => {
        const scope = scopeOf(request);
        const previous = state.commands.get(scope) ?? [];
        if (!previous.some((command) => command.id === request.params.commandId)) throw discordErrors.unknownCommand();
        state.commands.set(
          scope,
          previous.filter((command) => command.id !== request.params.commandId),
        );
        return noContent();
      },
    },
  ];

  return [
    {
      method: 'GET',
      pattern: '/gateway',
      auth: false,
      handle: () => ok({ url: context.origin().replace(/^http/, 'ws') }),
    },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: true,
      handle: () =>
        ok({
          url: context.origin().replace(/^http/, 'ws'),
          shards: context.gateway.recommendedShards,
          session_start_limit: context.gateway.sessionStartLimit(),
        }),
    },
    { method: 'GET', pattern: '/users/@me', auth: true, handle: () => ok(apiUser(state.botUser)) },
    {
      method: 'GET',
      pattern: '/users/:userId',
      auth: true,
      handle: (request) => ok(apiUser(state.requireUser(request.params.userId ?? ''))),
    },
    {
      method: 'GET',
      pattern: '/applications/@me',
      auth: true,
      handle: () =>
        ok({
          id: context.applicationId,
          name: state.botUser.username,
          icon: null,
          description: '',
          bot_public: true,
          bot_require_code_grant: false,
          verify_key: '0'.repeat(64),
          flags: ApplicationFlags.GatewayMessageContentLimited,
          team: null,
          bot: apiUser(state.botUser),
          approximate_guild_count: state.guilds.size,
        }),
    },
    ...commandRoutes('/applications/:applicationId'),
    ...commandRoutes('/applications/:applicationId/guilds/:guildId'),
    {
      method: 'GET',
      pattern: '/guilds/:guildId',
      auth: true,
      handle: (request) => {
        const guild = state.requireGuild(request.params.guildId ?? '');
        return ok({ ...apiGuild(state, guild), approximate_member_count: state.guildMembers(guild.id).length });
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/channels',
      auth: true,
      handle: (request) => {
        const guild = state.requireGuild(request.params.guildId ?? '');
        return ok(
          state
            .guildChannels(guild.id)
            .filter((channel) => !state.isThread(channel))
            .map((channel) => apiChannel(state, channel)),
        );
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/roles',
      auth: true,
      handle: (request) => ok(state.guildRoles(state.requireGuild(request.params.guildId ?? '').id).map(apiRole)),
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members/:userId',
      auth: true,
      handle: (request) => {
        const guild = state.requireGuild(request.params.guildId ?? '');
        return ok(apiMember(state, state.requireMember(guild.id, request.params.userId ?? '')));
      },
    },
  ];
}

/** A stored command, option or choice without its translation dictionaries, all the way down. */
function withoutLocalizations(node: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'name_localizations' || key === 'description_localizations') continue;
    out[key] = Array.isArray(value)
      ? value.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? withoutLocalizations(item as JsonObject) : item))
      : value;
  }
  return out;
}
