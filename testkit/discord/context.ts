import type { FakeGateway } from './gateway.js';
import type { InteractionRegistry } from './interactions.js';
import type { MessageService } from './messages.js';
import type { DiscordState } from './state.js';

/** What route handlers share. */
export interface FakeContext {
  state: DiscordState;
  messages: MessageService;
  interactions: InteractionRegistry;
  gateway: FakeGateway;
  applicationId: string;
  /** The app holds the privileged Message Content intent: without it, reads of members' messages come blanked. */
  messageContentIntent: boolean;
  /** `http://127.0.0.1:PORT` */
  origin(): string;
}
