/**
 * The interaction router: a table from command / sub-command / custom-id scope to a handler.
 * A slash command's options are read by one reader, typed from the command's definition
 * (`CommandArgs`); the router runs the handler inside the one try/catch, with a child logger per interaction, counts it in `/metrics`, and sends the view.
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  ComponentType,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import type { settingsCommand } from '../../commands/settings.js';
import type { videoCommand } from '../../commands/video.js';
import type { SubmittedValue } from '../model/formPlan.js';
import type { InteractionOutcome } from '../ops/metrics.js';
import { memberCanPostIn } from './channelAccess.js';
import { attachmentFacts, type CommandArgs, readArgs, type SlashCommandDefinition, type SubcommandPath } from './commandArgs.js';
import { ANIMATE_MESSAGE_COMMAND } from './commandOptions.js';
import type { HandlerDeps } from './context.js';
import { copyForLocale } from './copy.js';
import { type JobAction, type OpenAction, parseJobButtonId, parseOpenButtonId, parseVideoFormId } from './customIds.js';
import type { Ack, ChannelFacts, Handler, MemberInput, SlashInput, View } from './handler.js';
import type { AttachmentFacts } from './handlers/animate.js';
import { animateMessage } from './handlers/animateMessage.js';
import { cancelButton } from './handlers/cancelButton.js';
import { deleteButton } from './handlers/deleteButton.js';
import { extendButton } from './handlers/extendButton.js';
import { gifButton } from './handlers/gifButton.js';
import type { JobButtonInput } from './handlers/jobButton.js';
import { openAnimate } from './handlers/openAnimate.js';
import { preferencesClear } from './handlers/preferences/preferencesClear.js';
import { preferencesSet } from './handlers/preferences/preferencesSet.js';
import { preferencesShow } from './handlers/preferences/preferencesShow.js';
import { remixButton } from './handlers/remixButton.js';
import { retryButton } from './handlers/retryButton.js';
import type { SettingsInput } from './handlers/settings/applySettings.js';
import { settingsAutoShare } from './handlers/settings/autoShare.js';
import { settingsBlocked } from './handlers/settings/blocked.js';
import { settingsBudgets } from './handlers/settings/budgets.js';
import { settingsChannels } from './handlers/settings/channels.js';
import { settingsExtend } from './handlers/settings/extend.js';
import { settingsLanguage } from './handlers/settings/language.js';
import { settingsLimits } from './handlers/settings/limits.js';
import { settingsRole } from './handlers/settings/role.js';
import { settingsShow } from './handlers/settings/show.js';
import { settingsShowcase } from './handlers/settings/showcase.js';
import { settingsTiers } from './handlers/settings/tiers.js';
import { shareButton } from './handlers/shareButton.js';
import { upgradeButton } from './handlers/upgradeButton.js';
import { videoAnimate } from './handlers/videoAnimate.js';
import { videoCreate } from './handlers/videoCreate.js';
import { videoFormSubmit } from './handlers/videoFormSubmit.js';
import { videoHelp } from './handlers/videoHelp.js';
import { videoJobs } from './handlers/videoJobs.js';
import { videoMultishot } from './handlers/videoMultishot.js';
import { videoStatus } from './handlers/videoStatus.js';
import { videoUsage } from './handlers/videoUsage.js';
import { CONTENT_MAX, truncate } from './render.js';
import type { ServerFacts } from './serverFacts.js';

export interface RouterDeps extends HandlerDeps {
  /** Told what each interaction says of its server: `guild_locale`, `attachment_size_limit`, the name. */
  serverFacts: Pick<ServerFacts, 'note'>;
  metrics: { recordInteraction(handler: string, outcome: InteractionOutcome): void };
}

type GuildCommand = ChatInputCommandInteraction<'cached' | 'raw'>;
type GuildButton = ButtonInteraction<'cached' | 'raw'>;
type GuildModal = ModalSubmitInteraction<'cached' | 'raw'>;
type GuildMessageCommand = MessageContextMenuCommandInteraction<'cached' | 'raw'>;

/** A handler with the reader of its input: the generic is closed here, so the table is uniform. */
interface Route<T> {
  name: string;
  run(interaction: T, deps: HandlerDeps, ack: Ack): Promise<View>;
}

function route<T, I>(handler: Handler<I>, read: (interaction: T) => I): Route<T> {
  return { name: handler.name, run: (interaction, deps, ack) => handler.run(read(interaction), deps, ack) };
}

function channelFacts(interaction: Interaction, channelId: string): ChannelFacts {
  const channel = interaction.channelId === channelId ? interaction.channel : interaction.client.channels.cache.get(channelId);
  const parentId = channel && 'parentId' in channel && channel.isThread() ? channel.parentId : null;
  return { id: channelId, type: channel?.type, parentId };
}

export function memberOf(interaction: GuildCommand | GuildButton | GuildModal | GuildMessageCommand): MemberInput {
  const roles = interaction.member.roles;
  return {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    roleIds: Array.isArray(roles) ? roles : [...roles.cache.keys()],
    isModerator: interaction.memberPermissions.has(PermissionFlagsBits.ManageMessages),
    channel: channelFacts(interaction, interaction.channelId ?? ''),
    locale: interaction.locale,
  };
}

/** Who asked, for a `/video-settings` action: Manage Server decides, the server's locale words the public lines. */
function settingsInput<O>(interaction: GuildCommand, options: O): SettingsInput<O> {
  return {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    canManageServer: interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild),
    options,
    locale: interaction.locale,
    guildLocale: interaction.guildLocale,
  };
}

/**
 * The routes of one slash command: each sub-command's scope is the command's name and `path`,
 * and its handler's options must be that sub-command's {@link CommandArgs}, so the table cannot
 * pair a handler with options it does not read. The cast is the one place the read values are
 * trusted to match the definition: Discord sends only the declared options, with their types.
 * (The definition is a type here: `commands/` builds on this layer, never the reverse.)
 */
function slashRoutes<C extends SlashCommandDefinition>(name: C['name']) {
  const read = <P extends SubcommandPath<C>>(i: GuildCommand) => readArgs(i.options.data) as CommandArgs<C, P>;
  return {
    member: <P extends SubcommandPath<C>>(path: P, handler: Handler<SlashInput<CommandArgs<C, P>>>): [string, Route<GuildCommand>] => [
      `${name}/${path}`,
      route(handler, (i) => ({ member: memberOf(i), options: read<P>(i) })),
    ],
    /** A `/video-settings` action: as `member`, with who may change the rules. */
    settings: <P extends SubcommandPath<C>>(path: P, handler: Handler<SettingsInput<CommandArgs<C, P>>>): [string, Route<GuildCommand>] => [
      `${name}/${path}`,
      route(handler, (i) => settingsInput(i, read<P>(i))),
    ],
  };
}

const video = slashRoutes<typeof videoCommand>('video').member;
const videoSettings = slashRoutes<typeof settingsCommand>('video-settings').settings;

/** `command/sub-command` (or `command/group/sub-command`) → handler. */
const COMMANDS: Readonly<Record<string, Route<GuildCommand>>> = Object.fromEntries([
  video('create', videoCreate),
  video('animate', videoAnimate),
  video('multishot', videoMultishot),
  video('jobs', videoJobs),
  video('status', videoStatus),
  video('usage', videoUsage),
  video('help', videoHelp),
  video('preferences/show', preferencesShow),
  video('preferences/set', preferencesSet),
  video('preferences/clear', preferencesClear),
  videoSettings('show', settingsShow),
  videoSettings('showcase', settingsShowcase),
  videoSettings('auto-share', settingsAutoShare),
  videoSettings('channels', settingsChannels),
  videoSettings('role', settingsRole),
  videoSettings('blocked', settingsBlocked),
  videoSettings('language', settingsLanguage),
  videoSettings('extend', settingsExtend),
  videoSettings('limits', settingsLimits),
  videoSettings('budgets', settingsBudgets),
  videoSettings('tiers', settingsTiers),
]);

/** Message commands (Apps on a message), by their name. */
const MESSAGE_COMMANDS: Readonly<Record<string, Route<GuildMessageCommand>>> = {
  [ANIMATE_MESSAGE_COMMAND]: route(animateMessage, (i) => ({
    member: memberOf(i),
    channelId: i.targetMessage.channelId,
    messageId: i.targetId,
    attachments: [...i.targetMessage.attachments.values()].map(attachmentFacts),
  })),
};

const buttonInput = (i: GuildButton): JobButtonInput => ({ member: memberOf(i), jobId: parseJobButtonId(i.customId)?.jobId });

/** `job:<action>:<id>` → handler. */
const BUTTONS: Readonly<Record<JobAction, Route<GuildButton>>> = {
  cancel: route(cancelButton, buttonInput),
  retry: route(retryButton, buttonInput),
  remix: route(remixButton, buttonInput),
  share: route(shareButton, buttonInput),
  delete: route(deleteButton, buttonInput),
  gif: route(gifButton, buttonInput),
  upgrade: route(upgradeButton, buttonInput),
  extend: route(extendButton, buttonInput),
};

/** `open:<action>` → handler: buttons anyone may click, tied to no job. */
const OPEN_BUTTONS: Readonly<Record<OpenAction, Route<GuildButton>>> = {
  animate: route(openAnimate, (i) => ({ member: memberOf(i) })),
};

/** Every field of a submitted form by its custom id, read by its type; uploads apart, as attachments. */
function formFields(i: GuildModal): { values: Record<string, SubmittedValue>; uploads: Record<string, AttachmentFacts[]> } {
  const values: Record<string, SubmittedValue> = {};
  const uploads: Record<string, AttachmentFacts[]> = {};
  for (const [customId, field] of i.fields.fields) {
    switch (field.type) {
      case ComponentType.TextInput:
        values[customId] = i.fields.getTextInputValue(customId);
        break;
      case ComponentType.StringSelect:
        values[customId] = i.fields.getStringSelectValues(customId);
        break;
      case ComponentType.RadioGroup:
        values[customId] = i.fields.getRadioGroup(customId);
        break;
      case ComponentType.Checkbox:
        values[customId] = i.fields.getCheckbox(customId);
        break;
      case ComponentType.FileUpload:
        uploads[customId] = [...(i.fields.getUploadedFiles(customId)?.values() ?? [])].map(attachmentFacts);
        break;
      default:
        break;
    }
  }
  return { values, uploads };
}

/** `form:…` → the form submit. */
const FORM: Route<GuildModal> = route(videoFormSubmit, (i) => ({
  member: memberOf(i),
  form: parseVideoFormId(i.customId),
  ...formFields(i),
  channelFacts: (channelId) => channelFacts(i, channelId),
  canPostIn: (channelId) => memberCanPostIn(i, channelId),
}));

/** The table's scopes and their handler names, for the docs and the tests. */
export const ROUTE_TABLE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(COMMANDS).map(([scope, r]) => [`command:${scope}`, r.name])),
  ...Object.fromEntries(Object.entries(BUTTONS).map(([action, r]) => [`button:job:${action}`, r.name])),
  ...Object.fromEntries(Object.entries(OPEN_BUTTONS).map(([action, r]) => [`button:open:${action}`, r.name])),
  ...Object.fromEntries(Object.entries(MESSAGE_COMMANDS).map(([name, r]) => [`message:${name}`, r.name])),
  'modal:form': FORM.name,
};

type Repliable = GuildCommand | GuildButton | GuildModal | GuildMessageCommand;

/**
 * A direct message that Discord refused since the member's last interaction is told now, once,
 * under whatever they asked for (a form is left alone: it cannot carry the line).
 */
async function withDmNotice(view: View, interaction: Repliable, deps: RouterDeps): Promise<View> {
  if (view.type !== 'message') return view;
  if (!(await deps.preferences.takeDmRefused(interaction.guildId, interaction.user.id))) return view;
  const notice = copyForLocale(interaction.locale).t('delivery.dmRefused');
  // Discord: at most 2,000 characters; the answer gives way, the notice is told whole.
  const answer = truncate(view.content, CONTENT_MAX - notice.length - 2);
  return { ...view, content: answer ? `${answer}\n\n${notice}` : notice };
}

async function send(interaction: Repliable, view: View): Promise<void> {
  if (view.type === 'modal') {
    // A modal cannot answer a modal; the handlers for forms return messages only.
    if (interaction.isModalSubmit()) throw new Error('a form cannot be answered with another form');
    await interaction.showModal(view.modal);
    return;
  }
  const body = {
    content: view.content,
    ...(view.embeds ? { embeds: view.embeds } : {}),
    ...(view.components ? { components: view.components } : {}),
    allowedMentions: { parse: [] },
  };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}

/** Which route an interaction takes, or a refusal for interactions outside a server. */
function pick(interaction: Interaction): { route: Route<Repliable>; interaction: Repliable } | { refuse: string } | undefined {
  const { t } = copyForLocale('locale' in interaction ? interaction.locale : undefined);
  if (interaction.isChatInputCommand()) {
    if (!interaction.inGuild()) return { refuse: t('refusal.notInServer') };
    const group = interaction.options.getSubcommandGroup(false);
    const scope = [interaction.commandName, ...(group ? [group] : []), interaction.options.getSubcommand(false) ?? ''].join('/');
    const found = COMMANDS[scope];
    return found ? { route: found as Route<Repliable>, interaction } : { refuse: t('refusal.unknownSubcommand') };
  }
  if (interaction.isMessageContextMenuCommand()) {
    if (!interaction.inGuild()) return { refuse: t('refusal.notInServer') };
    const found = MESSAGE_COMMANDS[interaction.commandName];
    return found ? { route: found as Route<Repliable>, interaction } : { refuse: t('refusal.unknownSubcommand') };
  }
  if (interaction.isButton()) {
    const open = parseOpenButtonId(interaction.customId);
    if (open) {
      if (!interaction.inGuild()) return { refuse: t('refusal.notInServer') };
      return { route: OPEN_BUTTONS[open] as Route<Repliable>, interaction };
    }
    if (!interaction.customId.startsWith('job:')) return undefined;
    if (!interaction.inGuild()) return { refuse: t('refusal.foreignButton') };
    const action = parseJobButtonId(interaction.customId)?.action ?? 'cancel';
    // A forged id still goes to a handler, which refuses it after looking for its job.
    return { route: BUTTONS[action] as Route<Repliable>, interaction };
  }
  if (interaction.isModalSubmit()) {
    if (!interaction.inGuild()) return { refuse: t('refusal.notInServer') };
    return { route: FORM as Route<Repliable>, interaction };
  }
  return undefined;
}

export function createInteractionRouter(deps: RouterDeps): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    if (interaction.inGuild()) {
      deps.serverFacts.note(interaction.guildId, {
        locale: interaction.guildLocale ?? null,
        uploadLimitBytes: interaction.attachmentSizeLimit || null,
        // Interactions carry no server name; this process holds the shard, so its cache has it.
        name: interaction.guild?.name ?? null,
      });
    }
    const picked = pick(interaction);
    if (!picked) return;
    if ('refuse' in picked) {
      if (interaction.isRepliable()) await interaction.reply({ content: picked.refuse, flags: MessageFlags.Ephemeral });
      return;
    }
    const { route: chosen, interaction: repliable } = picked;
    const logger = deps.logger.child({
      interaction: interaction.id,
      handler: chosen.name,
      guildId: interaction.guildId,
      userId: interaction.user.id,
    });
    const ack: Ack = { defer: async () => void (await repliable.deferReply({ flags: MessageFlags.Ephemeral })) };
    try {
      const view = await withDmNotice(await chosen.run(repliable, { ...deps, logger }, ack), repliable, deps);
      await send(repliable, view);
      deps.metrics.recordInteraction(chosen.name, 'handled');
    } catch (error) {
      deps.metrics.recordInteraction(chosen.name, 'failed');
      logger.error({ err: error }, 'interaction failed');
      const content = copyForLocale(interaction.locale).t('failure.somethingWrong');
      try {
        if (repliable.deferred || repliable.replied) await repliable.editReply({ content });
        else await repliable.reply({ content, flags: MessageFlags.Ephemeral });
      } catch (replyError) {
        logger.warn({ err: replyError }, 'could not tell the member about the failure');
      }
    }
  };
}
