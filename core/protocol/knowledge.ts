/**
 * Knowledge base bodies and queries: articles, import, the unanswered list, canned replies and
 * agent assist. Import rows are validated with `ArticleInput` too, so a CSV row, a JSON row and a
 * form all fail with the same field names.
 */
import * as v from "valibot";
import { ShopId, ThreadId } from "./common";

export const ARTICLE_KINDS = ["platform_rule", "faq", "product_info", "promotion"] as const;
export const ArticleKind = v.picklist(ARTICLE_KINDS, "must be one of platform_rule, faq, product_info, promotion");
export const ARTICLE_STATUSES = ["draft", "published"] as const;
export const ArticleStatus = v.picklist(ARTICLE_STATUSES, "must be draft or published");
export type ArticleKind = v.InferOutput<typeof ArticleKind>;
export type ArticleStatus = v.InferOutput<typeof ArticleStatus>;

/** Sizes shared by the console's forms and the server. */
export const KB_LIMITS = { questionMax: 200, answerMax: 10_000, phrasingsMax: 200, tagsMax: 20, importRowsMax: 1000, importBytesMax: 4 * 1024 * 1024 } as const;

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max, `must be at most ${max} characters`));
const TIME_MESSAGE = "must be a date (2026-06-18, taken as China time), an ISO 8601 time or epoch milliseconds";
/** A date-only string is midnight China time: the mall's admins think in it. */
const toMillis = (x: number | string) => (typeof x === "number" ? x : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(x.trim()) ? `${x.trim()}T00:00:00+08:00` : x.trim()));
const Timestamp = v.pipe(v.union([v.number(), v.string()], TIME_MESSAGE), v.transform(toMillis), v.number(TIME_MESSAGE), v.integer(TIME_MESSAGE), v.minValue(0, "must not be before 1970"));
export const ArticleId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,48}$/, "must be 1-48 letters, digits, '_' or '-'"));

const articleFields = {
  kind: v.optional(ArticleKind, "faq"),
  question: text(KB_LIMITS.questionMax),
  altQuestions: v.optional(v.pipe(v.array(text(KB_LIMITS.questionMax)), v.maxLength(KB_LIMITS.phrasingsMax, `must have at most ${KB_LIMITS.phrasingsMax} phrasings`)), []),
  answer: text(KB_LIMITS.answerMax),
  tags: v.optional(v.pipe(v.array(text(32)), v.maxLength(KB_LIMITS.tagsMax, `must have at most ${KB_LIMITS.tagsMax} tags`)), []),
  category: v.optional(v.nullable(text(64)), null),
  productId: v.optional(v.nullable(text(64)), null),
  status: v.optional(ArticleStatus, "draft"),
  validFrom: v.optional(v.nullable(Timestamp), null),
  validTo: v.optional(v.nullable(Timestamp), null),
};

interface Window {
  kind: string;
  validFrom: number | null;
  validTo: number | null;
}
/** A promotion needs its window (an expired one must never be answered). */
const promotionHasWindow = (a: Window) => a.kind !== "promotion" || (a.validFrom !== null && a.validTo !== null);
/** Any window must end after it starts. */
const windowInOrder = (a: Window) => a.validFrom === null || a.validTo === null || a.validFrom < a.validTo;
const PROMOTION_MESSAGE = "a promotion needs validFrom and validTo";

/** A whole article as written by an admin (create, and an update merged onto the stored one). */
export const ArticleInput = v.pipe(
  v.object(articleFields),
  v.forward(v.check((a) => promotionHasWindow(a), PROMOTION_MESSAGE), ["validTo"]),
  v.forward(v.check((a) => windowInOrder(a), "must be after validFrom"), ["validTo"]),
);
export type ArticleInput = v.InferOutput<typeof ArticleInput>;

/** One import row: an article, with the id of an existing one to update it instead. */
export const ImportRow = v.pipe(
  v.object({ id: v.optional(ArticleId), ...articleFields }),
  v.forward(v.check((a) => promotionHasWindow(a), PROMOTION_MESSAGE), ["validTo"]),
  v.forward(v.check((a) => windowInOrder(a), "must be after validFrom"), ["validTo"]),
);
export type ImportRow = v.InferOutput<typeof ImportRow>;

/** Changed fields of an article; the merged result is validated with `ArticleInput`. */
export const ArticleUpdate = v.partial(v.object(articleFields));
export type ArticleUpdate = v.InferOutput<typeof ArticleUpdate>;

const wholeNumber = (min: number, max: number) => v.pipe(v.string(), v.regex(/^\d+$/, "must be a whole number"), v.transform(Number), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));
const flag = v.pipe(v.optional(v.picklist(["1", "0", "true", "false"], "must be 1, 0, true or false"), "0"), v.transform((s) => s === "1" || s === "true"));

export const ArticleListQuery = v.object({
  shop: v.optional(ShopId),
  status: v.optional(ArticleStatus),
  kind: v.optional(ArticleKind),
  q: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(wholeNumber(1, 200), "50"),
  offset: v.optional(wholeNumber(0, 1_000_000), "0"),
});

export const ImportQuery = v.object({
  shop: v.optional(ShopId),
  format: v.optional(v.picklist(["csv", "json"], "must be csv or json"), "json"),
  /** Number of this chunk's first data row in the whole file (the console uploads in chunks). */
  firstRow: v.optional(wholeNumber(1, 10_000_000), "1"),
  dryRun: flag,
});

export const ExportQuery = v.object({ shop: v.optional(ShopId), format: v.optional(v.picklist(["csv", "json"], "must be csv or json"), "json") });
export const PreviewQuery = v.object({ shop: v.optional(ShopId), q: text(500), limit: v.optional(wholeNumber(1, 20), "5") });
/** One alternative phrasing of an article. */
export const PhrasingText = text(KB_LIMITS.questionMax);
export const PhrasingBody = v.object({ text: PhrasingText });

export const UnansweredQuery = v.object({
  shop: v.optional(ShopId),
  status: v.optional(v.picklist(["open", "resolved", "dismissed", "all"], "must be open, resolved, dismissed or all"), "open"),
  limit: v.optional(wholeNumber(1, 200), "50"),
});

/** Turn an unanswered question into a new article, or into a phrasing of an existing one. */
export const PromoteBody = v.variant("action", [
  v.object({
    action: v.literal("create"),
    question: v.optional(text(KB_LIMITS.questionMax)),
    answer: text(KB_LIMITS.answerMax),
    kind: v.optional(ArticleKind, "faq"),
    status: v.optional(ArticleStatus, "draft"),
    tags: v.optional(v.pipe(v.array(text(32)), v.maxLength(KB_LIMITS.tagsMax)), []),
    category: v.optional(v.nullable(text(64)), null),
    validFrom: v.optional(v.nullable(Timestamp), null),
    validTo: v.optional(v.nullable(Timestamp), null),
  }),
  v.object({ action: v.literal("phrasing"), articleId: ArticleId, text: v.optional(text(KB_LIMITS.questionMax)) }),
]);
export type PromoteBody = v.InferOutput<typeof PromoteBody>;

/** An agent offers their reply in a thread as a draft article. */
export const SuggestArticleBody = v.object({ threadId: ThreadId, question: text(KB_LIMITS.questionMax), answer: text(KB_LIMITS.answerMax) });

export const Shortcut = v.pipe(v.string(), v.trim(), v.regex(/^\/?[\p{L}\p{N}_-]{1,32}$/u, "must be 1-32 letters, digits, '_' or '-' (a leading '/' is optional)"), v.transform((s) => s.replace(/^\//, "").toLowerCase()));
export const CannedInput = v.object({
  scope: v.optional(v.picklist(["shop", "personal"], "must be shop or personal"), "personal"),
  shortcut: Shortcut,
  title: text(64),
  text: text(2000),
});
export type CannedInput = v.InferOutput<typeof CannedInput>;
export const CannedUpdate = v.partial(v.object({ shortcut: Shortcut, title: text(64), text: text(2000) }));
export type CannedUpdate = v.InferOutput<typeof CannedUpdate>;
export const CannedQuery = v.object({ shop: v.optional(ShopId) });

export const AssistQuery = v.object({
  thread: ThreadId,
  q: v.optional(v.pipe(v.string(), v.maxLength(500, "must be at most 500 characters")), ""),
  limit: v.optional(wholeNumber(1, 10), "5"),
});

/** A search hit (the bot, agent assist, the admin preview): best first. */
export interface KnowledgeHit {
  articleId: string;
  /** The article's scope: the shop's own id, or `platform`. */
  shopId: string;
  question: string;
  answerHtml: string;
  score: number;
  confidence: number;
  source: "lexical" | "vector" | "both";
}

/** One import row that failed: its number in the whole file, the field and why. */
export interface RowError {
  /** Row number in the whole file: the chunk's `firstRow` plus the row's place in the chunk. */
  row: number;
  field: string;
  message: string;
}

/** The answer to one import chunk. */
export interface ImportResult {
  firstRow: number;
  received: number;
  created: number;
  updated: number;
  failed: number;
  dryRun: boolean;
  errors: RowError[];
}
