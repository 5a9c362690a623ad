/**
 * What the shared chat components read: the conversation model, the private-file cache, and
 * which side of the conversation this screen is on (agents see customers on the left; shoppers
 * see themselves on the right).
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Side } from "../../../../core/protocol";
import type { ConversationModel } from "../../models/conversation";
import type { FileCacheModel } from "../../models/files";

export interface ChatContextValue {
  conversation: ConversationModel;
  files: FileCacheModel;
  perspective: Side;
  meId: string;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("chat components must be inside a ChatContext provider");
  return value;
}
