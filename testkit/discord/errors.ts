/**
 * Discord's JSON error bodies, as `@discordjs/rest` turns them into `DiscordAPIError`s: the `code`
 * becomes `error.code`, the `message` the error's message, and `errors` is flattened into it.
 */
export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: FormErrorTree;
}

/** Discord's nested form-error shape: `{ content: { _errors: [{ code, message }] } }`; arrays use index keys. */
export interface FormErrorTree {
  [key: string]: FormErrorTree | FormErrorEntry[];
}

export interface FormErrorEntry {
  code: string;
  message: string;
}

/** Thrown by route handlers; the server turns it into `status` + JSON body. */
export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
  ) {
    super(`${status} ${body.code} ${body.message}`);
    this.name = 'DiscordHttpError';
  }
}

const error = (status: number, code: number, message: string) => new DiscordHttpError(status, { code, message });

/** The errors this fake answers with; codes and messages as Discord sends them. */
export const discordErrors = {
  unauthorized: () => error(401, 0, '401: Unauthorized'),
  unknownRoute: () => error(404, 0, '404: Not Found'),
  unknownChannel: () => error(404, 10003, 'Unknown Channel'),
  unknownGuild: () => error(404, 10004, 'Unknown Guild'),
  unknownMember: () => error(404, 10007, 'Unknown Member'),
  unknownMessage: () => error(404, 10008, 'Unknown Message'),
  unknownUser: () => error(404, 10013, 'Unknown User'),
  unknownWebhook: () => error(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => error(404, 10062, 'Unknown interaction'),
  unknownCommand: () => error(404, 10063, 'Unknown application command'),
  requestEntityTooLarge: () => error(413, 40005, 'Request entity too large'),
  alreadyAcknowledged: () => error(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => error(403, 50001, 'Missing Access'),
  cannotEditOthersMessage: () => error(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => error(400, 50006, 'Cannot send an empty message'),
  missingPermissions: () => error(403, 50013, 'Missing Permissions'),
  cannotSendToUser: () => error(403, 50007, 'Cannot send messages to this user'),
  cannotSendInNonTextChannel: () => error(400, 50008, 'Cannot send messages in a non-text channel'),
  wrongChannelType: () => error(400, 50024, 'Cannot execute action on this channel type'),
  invalidWebhookToken: () => error(401, 50027, 'Invalid Webhook Token'),
  // Editing, deleting or (when locked) posting in an archived thread; see discord-api-docs#5517.
  threadArchived: () => error(400, 50083, 'Thread is archived'),
  threadAlreadyCreated: () => error(400, 160004, 'A thread has already been created for this message'),
};

/** Collects form errors under their JSON paths, then throws one 400 50035 like Discord does. */
export class FormErrors {
  readonly #tree: FormErrorTree = {};
  #count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node = this.#tree;
    for (const key of path) {
      const existing = node[String(key)];
      if (existing === undefined || Array.isArray(existing)) {
        const child: FormErrorTree = {};
        node[String(key)] = child;
        node = child;
      } else {
        node = existing;
      }
    }
    const entries = node._errors;
    const list = Array.isArray(entries) ? entries : [];
    list.push({ code, message });
    node._errors = list;
    this.#count += 1;
  }

  get isEmpty(): boolean {
    return this.#count === 0;
  }

  throwIfAny(): void {
    if (this.isEmpty) return;
    throw new DiscordHttpError(400, { code: 50035, message: 'Invalid Form Body', errors: this.#tree });
  }
}
