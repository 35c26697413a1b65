import {
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIMessageComponentGuildInteraction,
  type APIModalSubmissionComponent,
  type APIModalSubmitGuildInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
} from 'discord.js';
import { apiAttachment, apiChannel, apiInteractionMember, apiMember, apiRole, apiUser } from './payloads.js';
import type { DiscordState, StoredAttachment } from './state.js';

/** The fields every guild interaction carries; discord.js throws on INTERACTION_CREATE without several of them. */
type CommonFields = Required<
  Pick<
    APIGuildInteraction,
    | 'id'
    | 'application_id'
    | 'token'
    | 'version'
    | 'guild'
    | 'guild_id'
    | 'channel'
    | 'channel_id'
    | 'member'
    | 'app_permissions'
    | 'locale'
    | 'guild_locale'
    | 'entitlements'
    | 'authorizing_integration_owners'
    | 'context'
    | 'attachment_size_limit'
  >
>;

export interface PayloadContext {
  state: DiscordState;
  applicationId: string;
  attachmentSizeLimit: number;
  /** Attachments a member "uploaded" with a command, by id. */
  findAttachment(id: string): StoredAttachment | undefined;
}

export interface Identity {
  id: string;
  token: string;
  guildId: string;
  channelId: string;
  userId: string;
  locale: Locale;
}

/** Mistakes in a test's driving call surface as plain errors naming what is missing. */
function driverError(message: string): Error {
  return new Error(`fake Discord: ${message}`);
}

export function commonFields(context: PayloadContext, who: Identity): CommonFields {
  const { state } = context;
  const channel = state.channels.get(who.channelId);
  if (!channel || channel.deleted) throw driverError(`channel ${who.channelId} does not exist (or was deleted)`);
  if (channel.guildId !== who.guildId) throw driverError(`channel ${who.channelId} is not in guild ${who.guildId}`);
  const member = state.member(who.guildId, who.userId);
  if (!member) throw driverError(`user ${who.userId} is not a member of guild ${who.guildId}; call addMember first`);
  const memberPermissions = state.permissionsOf(who.guildId, who.userId).toString();
  return {
    id: who.id,
    application_id: context.applicationId,
    token: who.token,
    version: 1,
    guild: { id: who.guildId, locale: (state.guilds.get(who.guildId)?.preferredLocale ?? Locale.EnglishUS) as Locale, features: [] },
    guild_id: who.guildId,
    // A bare channel_id is not enough: discord.js builds interaction.channel from this object.
    channel: { ...apiChannel(state, channel), permissions: memberPermissions } as CommonFields['channel'],
    channel_id: who.channelId,
    member: apiInteractionMember(state, member),
    app_permissions: state.botPermissions(who.guildId).toString(),
    locale: who.locale,
    guild_locale: (state.guilds.get(who.guildId)?.preferredLocale ?? Locale.EnglishUS) as Locale,
    entitlements: [],
    authorizing_integration_owners: { '0': who.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: context.attachmentSizeLimit,
  };
}

/** Fills `data.resolved` for user, channel, role, mentionable and attachment options, like Discord. */
function resolveOptions(
  context: PayloadContext,
  guildId: string,
  options: readonly APIApplicationCommandInteractionDataOption[],
): APIInteractionDataResolved | undefined {
  const { state } = context;
  const resolved: Required<APIInteractionDataResolved> = {
    users: {},
    members: {},
    roles: {},
    channels: {},
    attachments: {},
  };
  let any = false;
  const addUser = (id: string) => {
    const user = state.users.get(id);
    if (!user) return false;
    resolved.users[id] = apiUser(user);
    const member = state.member(guildId, id);
    if (member) {
      const { user: _user, deaf: _deaf, mute: _mute, ...rest } = apiMember(state, member);
      resolved.members[id] = { ...rest, permissions: state.permissionsOf(guildId, id).toString() };
    }
    return true;
  };
  const addRole = (id: string) => {
    const role = state.roles.get(id);
    if (!role || role.guildId !== guildId) return false;
    resolved.roles[id] = apiRole(role);
    return true;
  };
  const visit = (option: APIApplicationCommandInteractionDataOption): void => {
    switch (option.type) {
      case ApplicationCommandOptionType.Subcommand:
      case ApplicationCommandOptionType.SubcommandGroup:
        for (const child of option.options ?? []) visit(child);
        return;
      case ApplicationCommandOptionType.User:
        if (!addUser(option.value)) throw driverError(`option ${option.name}: unknown user ${option.value}`);
        break;
      case ApplicationCommandOptionType.Role:
        if (!addRole(option.value)) throw driverError(`option ${option.name}: unknown role ${option.value}`);
        break;
      case ApplicationCommandOptionType.Mentionable:
        if (!addUser(option.value) && !addRole(option.value)) {
          throw driverError(`option ${option.name}: ${option.value} is neither a user nor a role`);
        }
        break;
      case ApplicationCommandOptionType.Channel: {
        const channel = state.channels.get(option.value);
        if (!channel) throw driverError(`option ${option.name}: unknown channel ${option.value}`);
        const payload = apiChannel(state, channel);
        resolved.channels[option.value] = {
          id: payload.id,
          name: payload.name,
          type: payload.type,
          permissions: state.permissionsOf(guildId, state.botUser.id).toString(),
          ...(payload.thread_metadata ? { parent_id: payload.parent_id ?? '', thread_metadata: payload.thread_metadata } : {}),
        } as NonNullable<APIInteractionDataResolved['channels']>[string];
        break;
      }
      case ApplicationCommandOptionType.Attachment: {
        const attachment = context.findAttachment(option.value);
        if (!attachment) {
          throw driverError(`option ${option.name}: unknown attachment ${option.value}; use uploadUserAttachment()`);
        }
        resolved.attachments[option.value] = apiAttachment(attachment, context.state);
        break;
      }
      default:
        return;
    }
    any = true;
  };
  for (const option of options) visit(option);
  if (!any) return undefined;
  const pruned: APIInteractionDataResolved = {};
  if (Object.keys(resolved.users).length) pruned.users = resolved.users;
  if (Object.keys(resolved.members).length) pruned.members = resolved.members;
  if (Object.keys(resolved.roles).length) pruned.roles = resolved.roles;
  if (Object.keys(resolved.channels).length) pruned.channels = resolved.channels;
  if (Object.keys(resolved.attachments).length) pruned.attachments = resolved.attachments;
  return pruned;
}

export function chatInputPayload(
  context: PayloadContext,
  who: Identity,
  command: { id: string; name: string; guildId: string | null },
  options: readonly APIApplicationCommandInteractionDataOption[],
): APIChatInputApplicationCommandGuildInteraction {
  const resolved = resolveOptions(context, who.guildId, options);
  return {
    ...commonFields(context, who),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(command.guildId ? { guild_id: command.guildId } : {}),
      ...(options.length ? { options: [...options] } : {}),
      ...(resolved ? { resolved } : {}),
    },
  };
}

/** A message command: the target message travels in `resolved.messages`, as Discord sends it. */
export function messageCommandPayload(
  context: PayloadContext,
  who: Identity,
  command: { id: string; name: string; guildId: string | null },
  target: APIMessage,
): APIGuildInteraction {
  return {
    ...commonFields(context, who),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...(command.guildId ? { guild_id: command.guildId } : {}),
    },
  } as APIGuildInteraction;
}

export function componentPayload(
  context: PayloadContext,
  who: Identity,
  message: APIMessage,
  component:
    | { customId: string; componentType: ComponentType.Button }
    | { customId: string; componentType: ComponentType.StringSelect; values: string[] },
): APIMessageComponentGuildInteraction {
  const data =
    component.componentType === ComponentType.Button
      ? { custom_id: component.customId, component_type: ComponentType.Button as const }
      : { custom_id: component.customId, component_type: ComponentType.StringSelect as const, values: component.values };
  return { ...commonFields(context, who), type: InteractionType.MessageComponent, message, data };
}

export function modalSubmitPayload(
  context: PayloadContext,
  who: Identity,
  customId: string,
  components: APIModalSubmissionComponent[],
  message: APIMessage | undefined,
  resolved?: APIInteractionDataResolved,
): APIModalSubmitGuildInteraction {
  return {
    ...commonFields(context, who),
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components, ...(resolved ? { resolved } : {}) },
    ...(message ? { message } : {}),
  };
}
