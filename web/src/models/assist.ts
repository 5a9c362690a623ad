/**
 * Agent assist in the composer: while the agent types (debounced), the articles and canned
 * replies that match the draft (`GET /api/assist`); a draft starting with `/` looks canned
 * replies up by shortcut. Articles are offered as plain text: the chat sends text, not HTML.
 */
import { computed, createModel, signal } from "@preact/signals";
import type { ApiClient } from "../common/api";
import { toUiError } from "../common/field-errors";
import { htmlToText } from "../common/html-text";
import type { AssistResult } from "../common/kb-types";
import type { UiError } from "./conversation-state";

/** One suggestion, whatever its source. */
export interface AssistItem {
  kind: "article" | "canned";
  id: string;
  title: string;
  /** What goes into the composer. */
  text: string;
  shortcut?: string;
  /** Canned: `shop` or `personal`; article: the scope it came from (the shop or `platform`). */
  scope: string;
}

const TYPING_MS = 350;
const SHORTCUT_MS = 120;

function itemsOf(r: AssistResult, shortcutMode: boolean): AssistItem[] {
  const canned = r.cannedReplies.map((c): AssistItem => ({ kind: "canned", id: c.id, title: c.title, text: c.text, shortcut: c.shortcut, scope: c.scope }));
  const articles = r.articles.map((a): AssistItem => ({ kind: "article", id: a.articleId, title: a.question, text: htmlToText(a.answerHtml), scope: a.shopId }));
  return shortcutMode ? canned : [...articles, ...canned];
}

export const AssistModel = createModel((opts: { api: ApiClient; threadId: string }) => {
  const draft = signal("");
  const result = signal<AssistResult | null>(null);
  /** The draft the result answers. */
  const resultFor = signal("");
  const error = signal<UiError | null>(null);
  const active = signal(0);
  /** The agent moved through the list with the arrow keys: Enter and Tab now pick. */
  const navigated = signal(false);
  /** Escape (or an insert) hides the list until the draft changes. */
  const hiddenFor = signal<string | null>(null);
  const shortcutMode = computed(() => draft.value.startsWith("/"));
  const items = computed(() => (result.value && resultFor.value.trim() ? itemsOf(result.value, resultFor.value.startsWith("/")) : []));
  const open = computed(() => draft.value.trim() !== "" && hiddenFor.value !== draft.value && items.value.length > 0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;

  async function fetchFor(text: string) {
    const mine = ++ticket;
    const q = new URLSearchParams({ thread: opts.threadId, q: text.slice(0, 500), limit: text.startsWith("/") ? "10" : "5" });
    try {
      const r = await opts.api.get<AssistResult>(`/assist?${q}`);
      if (mine !== ticket) return;
      [result.value, resultFor.value, error.value, active.value] = [r, text, null, 0];
    } catch (err) {
      if (mine === ticket) error.value = toUiError(err);
    }
  }

  return {
    draft,
    items,
    open,
    active,
    error,
    shortcutMode,
    navigated,
    /** The composer's draft changed. */
    setDraft(text: string) {
      if (text === draft.peek()) return;
      draft.value = text;
      navigated.value = false;
      clearTimeout(timer);
      if (!text.trim() || hiddenFor.peek() === text) {
        if (!text.trim()) result.value = null;
        return;
      }
      timer = setTimeout(() => void fetchFor(text), text.startsWith("/") ? SHORTCUT_MS : TYPING_MS);
    },
    move(delta: number) {
      const n = items.value.length;
      if (!n) return;
      active.value = (active.value + delta + n) % n;
      navigated.value = true;
    },
    hide() {
      hiddenFor.value = draft.value;
    },
    /** The text of a suggestion (the active one by default); the list hides so the inserted text is not searched. */
    pick(index = active.value): string | null {
      const item = items.value[index];
      if (!item) return null;
      hiddenFor.value = item.text;
      return item.text;
    },
    dispose() {
      clearTimeout(timer);
    },
  };
});
export type AssistModel = InstanceType<typeof AssistModel>;
