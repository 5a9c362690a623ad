/**
 * What the console adds to an open chat: the context panel, agent assist in the composer and
 * 存为知识. Created with the chat's conversation and disposed with it.
 */
import { createModel, effect, type ReadonlySignal } from "@preact/signals";
import type { Entry } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import { AssistModel } from "./assist";
import { ContextModel } from "./context";
import type { ConversationModel } from "./conversation";
import { SuggestionModel } from "./suggestion";

export interface ThreadToolsOptions {
  api: ApiClient;
  threadId: string;
  conversation: ConversationModel;
  listEntry: ReadonlySignal<Entry | null>;
}

export const ThreadToolsModel = createModel((opts: ThreadToolsOptions) => {
  const context = new ContextModel(opts);
  const assist = new AssistModel({ api: opts.api, threadId: opts.threadId });
  const suggestion = new SuggestionModel(opts);
  effect(() => () => assist.dispose());
  return { context, assist, suggestion };
});
export type ThreadToolsModel = InstanceType<typeof ThreadToolsModel>;
