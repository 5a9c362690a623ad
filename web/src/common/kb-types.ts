/**
 * Shapes of the knowledge routes' answers (worker/routes/knowledge.ts and its services), as
 * narrowly as the console reads them: articles, import results, the unanswered list, canned
 * replies and agent assist.
 */
import type { ArticleKind, ArticleStatus } from "../../../core/protocol/knowledge";

/** One article as `GET /api/admin/knowledge` lists it. */
export interface ArticleRow {
  id: string;
  shopId: string;
  kind: ArticleKind;
  question: string;
  altQuestions: string[];
  /** Markdown as the admin wrote it. */
  answer: string;
  /** Rendered and sanitised by the server: the one HTML the console renders. */
  answerHtml: string;
  tags: string[];
  category: string | null;
  productId: string | null;
  status: ArticleStatus;
  validFrom: number | null;
  validTo: number | null;
  shownCount: number;
  helpfulCount: number;
  notHelpfulCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface ArticlePage {
  articles: ArticleRow[];
  total: number;
}




export interface UnansweredRow {
  id: string;
  shopId: string;
  question: string;
  reason: string;
  count: number;
  examples: string[];
  lastThreadId: string | null;
  firstAskedAt: number;
  lastAskedAt: number;
  status: string;
  articleId: string | null;
}

export interface CannedReply {
  id: string;
  scope: "shop" | "personal";
  shortcut: string;
  title: string;
  text: string;
  updatedAt: number;
}

export interface AssistResult {
  shopId: string;
  articles: KnowledgeHit[];
  cannedReplies: CannedReply[];
}

import type { KnowledgeHit } from "../../../core/protocol/knowledge";
export type { ImportResult, KnowledgeHit, RowError } from "../../../core/protocol/knowledge";
