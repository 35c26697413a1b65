import { InteractionResponseType, InteractionType, MessageFlags, MessageType } from 'discord.js';
import type { FakeContext } from '../context.js';
import { DiscordHttpError, discordErrors } from '../errors.js';
import { type FakeInteraction, toResponseData } from '../interactions.js';
import { validateModal } from '../modalValidation.js';
import { toRecordedFiles, type UploadedFile } from '../multipart.js';
import { apiMessage } from '../payloads.js';
import { noContent, ok, type RestRequest, type RestResponse, type Route } from '../rest.js';
import type { MessageInteractionLink, StoredMessage } from '../state.js';
import { assertNotArchived } from '../threads.js';
import { isObject, readMessageBody, requireObject } from '../validation.js';

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, ReadonlySet<number>> = {
  [InteractionType.ApplicationCommand]: new Set([4, 5, 9]),
  [InteractionType.MessageComponent]: new Set([4, 5, 6, 7, 9]),
  [InteractionType.ApplicationCommandAutocomplete]: new Set([8]),
  // Updating a message from a modal only works when a component on that message opened it.
  [InteractionType.ModalSubmit]: new Set([4, 5, 6, 7]),
};

const invalidCallbackType = (type: unknown) =>
  new DiscordHttpError(400, {
    code: 50035,
    message: 'Invalid Form Body',
    errors: {
      type: {
        _errors: [
          { code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: `Callback type ${String(type)} is not valid for this interaction` },
        ],
      },
    },
  });

/** Interaction callbacks and the interaction webhook (edit, followup, delete); no bot token on these. */
export function interactionRoutes(context: FakeContext): Route[] {
  const { state, messages, interactions } = context;

  const link = (interaction: FakeInteraction): MessageInteractionLink => ({
    id: interaction.id,
    type: interaction.type,
    name: interaction.commandName,
    userId: interaction.userId,
  });

  const messageType = (interaction: FakeInteraction) =>
    interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;

  /** Posts a webhook message of the application into the interaction's channel. */
  const postMessage = (interaction: FakeInteraction, json: unknown, files: UploadedFile[], extraFlags: number) => {
    const channel = state.requireChannel(interaction.channelId);
    const { message } = messages.create(channel, {
      body: readMessageBody(json),
      files,
      author: state.botUser,
      type: messageType(interaction),
      webhookId: context.applicationId,
      interaction: link(interaction),
      extraFlags,
    });
    interaction.ownMessages.add(message.id);
    return message;
  };

  const callback = (request: RestRequest): RestResponse => {
    const interaction = interactions.get(request.params.interactionId ?? '');
    if (!interaction || interaction.token !== request.params.token) throw discordErrors.unknownInteraction();
    if (interactions.tokenExpired(interaction)) throw discordErrors.unknownInteraction();
    if (interaction.acknowledged) throw discordErrors.alreadyAcknowledged();
    // Past the 3 s window the member already saw "The application did not respond".
    if (interactions.missedDeadline(interaction)) throw discordErrors.unknownInteraction();
    const body = requireObject(request.json);
    const type = body.type;
    const allowed = ALLOWED_CALLBACKS[interaction.type];
    if (typeof type !== 'number' || !allowed?.has(type)) throw invalidCallbackType(type);
    const source = interactions.sourceOf(interaction);
    const channel = state.requireChannel(interaction.channelId);
    if (channel.thread?.archived && channel.thread.locked) throw discordErrors.threadArchived();
    const data = isObject(body.data) ? body.data : undefined;
    const requestedFlags = typeof data?.flags === 'number' ? data.flags : 0;
    let messageId: string | undefined;

    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const message = postMessage(interaction, data, request.files, requestedFlags & MessageFlags.Ephemeral);
        interaction.original = message.id;
        messageId = message.id;
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        // Discord shows "Bot is thinking..." right away: a real message, edited later by @original.
        const { message } = messages.create(channel, {
          body: readMessageBody(undefined),
          files: [],
          author: state.botUser,
          type: messageType(interaction),
          webhookId: context.applicationId,
          interaction: link(interaction),
          extraFlags: MessageFlags.Loading | (requestedFlags & MessageFlags.Ephemeral),
          placeholder: true,
        });
        interaction.ownMessages.add(message.id);
        interaction.original = message.id;
        interaction.deferredPlaceholderPending = true;
        messageId = message.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (!source || source.deleted) throw invalidCallbackType(type);
        if (type === InteractionResponseType.UpdateMessage) {
          assertNotArchived(channel);
          messages.edit(source, readMessageBody(data), request.files);
        }
        interaction.ownMessages.add(source.id);
        interaction.original = source.id;
        messageId = source.id;
        break;
      }
      case InteractionResponseType.Modal:
        if (interaction.type === InteractionType.ModalSubmit) throw invalidCallbackType(type);
        validateModal(data);
        interaction.modal = data;
        break;
      default:
        break;
    }
    interaction.acknowledged = true;
    interaction.callbackType = type;
    interaction.record({ kind: 'callback', type, data: toResponseData(data), messageId, files: toRecordedFiles(request.files) });

    if (request.query.get('with_response') !== 'true') return noContent();
    const message = messageId ? state.messages.get(messageId) : undefined;
    return ok({
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (message.flags & MessageFlags.Loading) !== 0,
              response_message_ephemeral: (message.flags & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message: apiMessage(state, message) } : {}) },
    });
  };

  /**
   * The webhook `/webhooks/{application}/{token}` exists once the interaction is acknowledged and
   * for 15 minutes: unknown before (10015), 401 Invalid Webhook Token after (50027).
   */
  const webhookInteraction = (request: RestRequest): FakeInteraction => {
    if (request.params.applicationId !== context.applicationId) throw discordErrors.unknownWebhook();
    const interaction = interactions.byToken(request.params.token ?? '');
    if (!interaction) throw discordErrors.unknownWebhook();
    if (interactions.tokenExpired(interaction)) throw discordErrors.invalidWebhookToken();
    if (!interaction.acknowledged) throw discordErrors.unknownWebhook();
    return interaction;
  };

  const webhookMessage = (request: RestRequest): { interaction: FakeInteraction; message: StoredMessage } => {
    const interaction = webhookInteraction(request);
    const requested = request.params.messageId ?? '';
    const id = requested === '@original' ? interaction.original : requested;
    const message = id ? state.messages.get(id) : undefined;
    if (!message || message.deleted || !interaction.ownMessages.has(message.id)) throw discordErrors.unknownMessage();
    state.requireChannel(message.channel_id);
    return { interaction, message };
  };

  return [
    { method: 'POST', pattern: '/interactions/:interactionId/:token/callback', auth: false, handle: callback },
    {
      method: 'GET',
      pattern: '/webhooks/:applicationId/:token/messages/:messageId',
      auth: false,
      handle: (request) => ok(apiMessage(state, webhookMessage(request).message)),
    },
    {
      method: 'PATCH',
      pattern: '/webhooks/:applicationId/:token/messages/:messageId',
      auth: false,
      handle: (request) => {
        const { interaction, message } = webhookMessage(request);
        assertNotArchived(state.requireChannel(message.channel_id));
        const finishesDeferral = interaction.deferredPlaceholderPending && message.id === interaction.original;
        messages.edit(message, readMessageBody(request.json), request.files, finishesDeferral);
        if (finishesDeferral) interaction.deferredPlaceholderPending = false;
        interaction.record({
          kind: 'edit',
          type: undefined,
          data: toResponseData(request.json),
          messageId: message.id,
          files: toRecordedFiles(request.files),
        });
        return ok(apiMessage(state, message));
      },
    },
    {
      method: 'DELETE',
      pattern: '/webhooks/:applicationId/:token/messages/:messageId',
      auth: false,
      handle: (request) => {
        const { interaction, message } = webhookMessage(request);
        assertNotArchived(state.requireChannel(message.channel_id));
        messages.delete(message);
        interaction.record({ kind: 'delete', type: undefined, data: undefined, messageId: message.id, files: [] });
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks/:applicationId/:token',
      auth: false,
      handle: (request) => {
        const interaction = webhookInteraction(request);
        let message: StoredMessage;
        const placeholder = interaction.original ? state.messages.get(interaction.original) : undefined;
        if (interaction.deferredPlaceholderPending && placeholder && !placeholder.deleted) {
          // Discord quirk: the first followup after a deferred reply replaces the "thinking"
          // message, and its ephemeral flag is ignored in favour of the deferral's.
          const body = readMessageBody(request.json);
          messages.edit(placeholder, { ...body, flags: undefined }, request.files, true);
          interaction.deferredPlaceholderPending = false;
          message = placeholder;
        } else {
          const body = isObject(request.json) ? request.json : {};
          const flags = typeof body.flags === 'number' ? body.flags & MessageFlags.Ephemeral : 0;
          message = postMessage(interaction, request.json, request.files, flags);
        }
        interaction.record({
          kind: 'followup',
          type: undefined,
          data: toResponseData(request.json),
          messageId: message.id,
          files: toRecordedFiles(request.files),
        });
        // Discord answers 204 unless ?wait=true (discord.js always asks to wait).
        return request.query.get('wait') === 'true' ? ok(apiMessage(state, message)) : noContent();
      },
    },
  ];
}
