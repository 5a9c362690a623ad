/**
 * What the shared chat components read: the conversation model, the private-file cache, and
 * which side of the conversation this screen is on (agents see customers on the left; shoppers
 * see themselves on the right).
 */
import { createContext, type ComponentType } from "preact";
import { useContext } from "preact/hooks";
import type { ChatMessage, Side } from "../../../../core/protocol";
import type { ConversationModel } from "../../models/conversation";
import type { FileCacheModel } from "../../models/files";

export interface ChatContextValue {
  conversation: ConversationModel;
  files: FileCacheModel;
  perspective: Side;
  meId: string;
  /** Staff only: suggestions while typing (agent assist). */
  assist?: ComposerAssist;
  /** Staff only: actions beside a message (存为知识). */
  MessageActions?: ComponentType<{ message: ChatMessage }>;
  /** Shoppers only: a tapped ticket notice opens that ticket (我的工单), by its number. */
  onTicketNotice?: (number: string) => void;
}

/**
 * What the composer needs from an assistant, so the shared composer knows nothing of the
 * console: it reports the draft, lets the assistant take keys while its list is open, and shows
 * the assistant's list above the input.
 */
export interface ComposerAssist {
  /** The draft changed (typed, inserted, or cleared after sending). */
  draft(text: string): void;
  /** A key in the composer: the text to put in place of the draft, `true` if the key was used, else `false`. */
  key(e: KeyboardEvent): string | boolean;
  /** The suggestions; `insert` replaces the draft with a text. */
  View: ComponentType<{ insert(text: string): void }>;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("chat components must be inside a ChatContext provider");
  return value;
}
