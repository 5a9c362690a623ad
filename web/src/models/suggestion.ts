/**
 * 存为知识: an agent offers one of their replies as a draft article of the thread's shop
 * (`POST /api/knowledge/suggestions`); an admin reviews and publishes it. The question starts as
 * the shopper's message the reply answered.
 */
import { createModel, signal } from "@preact/signals";
import { parseInput } from "../../../core/protocol";
import { SuggestArticleBody } from "../../../core/protocol/knowledge";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { ArticleRow } from "../common/kb-types";
import type { ConversationModel } from "./conversation";
import type { UiError } from "./conversation-state";

export interface SuggestionForm {
  seq: number;
  question: string;
  answer: string;
}

export const SuggestionModel = createModel((opts: { api: ApiClient; threadId: string; conversation: ConversationModel }) => {
  const form = signal<SuggestionForm | null>(null);
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  const fields = signal<FieldErrors>({});
  /** Replies already offered in this chat: message seq → the draft article's id. */
  const saved = signal<ReadonlyMap<number, string>>(new Map());

  return {
    form,
    busy,
    error,
    fields,
    saved,
    /** Opens the form for one of the agent's messages. */
    open(seq: number) {
      const list = opts.conversation.messages.value;
      const at = list.findIndex((m) => m.seq === seq);
      const reply = list[at];
      if (!reply?.body.text) return;
      let question = "";
      for (let i = at - 1; i >= 0 && !question; i--) if (list[i]!.sender.role === "customer" && list[i]!.body.text) question = list[i]!.body.text!;
      [form.value, error.value, fields.value] = [{ seq, question, answer: reply.body.text }, null, {}];
    },
    edit(patch: Partial<Omit<SuggestionForm, "seq">>) {
      if (form.value) form.value = { ...form.value, ...patch };
    },
    close() {
      form.value = null;
    },
    async submit() {
      const f = form.value;
      if (!f) return;
      const body = parseInput(SuggestArticleBody, { threadId: opts.threadId, question: f.question, answer: f.answer });
      if (!body.ok) {
        error.value = { code: body.code, message: body.message, details: body.issues };
        fields.value = fieldErrorsOf(error.value);
        return;
      }
      busy.value = true;
      try {
        const article = await opts.api.post<ArticleRow>("/knowledge/suggestions", body.value);
        saved.value = new Map(saved.value).set(f.seq, article.id);
        form.value = null;
      } catch (err) {
        error.value = toUiError(err);
        fields.value = fieldErrorsOf(error.value);
      } finally {
        busy.value = false;
      }
    },
  };
});
export type SuggestionModel = InstanceType<typeof SuggestionModel>;
