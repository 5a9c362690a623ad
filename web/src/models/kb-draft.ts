/**
 * An article as its form holds it (text as typed: phrasings one per line, times as the
 * `datetime-local` inputs give them) and as the API takes it. A promotion's validity window is
 * required; the protocol's `ArticleInput` checks it here with the server's own messages.
 */
import { parseInput } from "../../../core/protocol";
import { ArticleInput, type ArticleKind, type ArticleStatus } from "../../../core/protocol/knowledge";
import type { FieldIssue } from "../../../core/protocol";
import type { ArticleRow } from "../common/kb-types";

export interface ArticleDraft {
  kind: ArticleKind;
  question: string;
  /** One phrasing per line. */
  altQuestions: string;
  /** Markdown. */
  answer: string;
  tags: string[];
  category: string;
  productId: string;
  status: ArticleStatus;
  /** `YYYY-MM-DDTHH:mm` in the browser's time zone, or "". */
  validFrom: string;
  validTo: string;
}

export function emptyDraft(prefill: Partial<ArticleDraft> = {}): ArticleDraft {
  return { kind: "faq", question: "", altQuestions: "", answer: "", tags: [], category: "", productId: "", status: "draft", validFrom: "", validTo: "", ...prefill };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Epoch ms as a `datetime-local` value in local time. */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return "";
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as epoch ms; "" is no time; a bad value is NaN (the schema names it). */
export function fromLocalInput(s: string): number | null {
  return s.trim() ? new Date(s).getTime() : null;
}

export function draftOf(a: ArticleRow): ArticleDraft {
  return {
    kind: a.kind, question: a.question, altQuestions: a.altQuestions.join("\n"), answer: a.answer, tags: [...a.tags], category: a.category ?? "",
    productId: a.productId ?? "", status: a.status, validFrom: toLocalInput(a.validFrom), validTo: toLocalInput(a.validTo),
  };
}

/** The body the API takes (create, PATCH, promote). */
export function bodyOf(d: ArticleDraft) {
  return {
    kind: d.kind,
    question: d.question,
    altQuestions: d.altQuestions.split("\n").map((s) => s.trim()).filter(Boolean),
    answer: d.answer,
    tags: d.tags,
    category: d.category.trim() || null,
    productId: d.productId.trim() || null,
    status: d.status,
    validFrom: fromLocalInput(d.validFrom),
    validTo: fromLocalInput(d.validTo),
  };
}

/** The field issues the server would report for this draft, or none. */
export function checkDraft(d: ArticleDraft): FieldIssue[] {
  const r = parseInput(ArticleInput, bodyOf(d));
  return r.ok ? [] : r.issues;
}
