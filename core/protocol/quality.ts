/**
 * 质检 (quality review): the list of finished consultations to review, a reviewer's scores, and
 * what agents see of their own reviews. Shared by the Worker and the console.
 */
import * as v from "valibot";
import { QUALITY_CRITERIA, QUALITY_FLAGS, QUALITY_SCORE_MAX, QUALITY_SCORE_MIN, type QualityCriterion, type QualityFlag, type QualityGrade, type QualityScores } from "../domain/quality";
import { ShopId } from "./common";

/** The longest look back of the review list: the list walks the range's sessions newest first. */
export const QUALITY_MAX_DAYS = 31;
export const QUALITY_COMMENT_MAX = 500;
export const QUALITY_APPEAL_MAX = 300;

const wholeNumber = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d{1,13}$/, "must be a whole number"), v.transform(Number), v.minValue(min, `must be at least ${min}`), v.maxValue(max, `must be at most ${max}`));

export const QualitySessionId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:-]{1,64}$/, "must be a session id (1-64 letters, digits, '_', ':' or '-')"));
export const QualitySessionParam = v.object({ sessionId: QualitySessionId });

/** Which finished consultations to list: the last `days` days, newest first, `before` pages on. */
export const QualityListQuery = v.object({
  shop: v.optional(ShopId),
  days: v.optional(wholeNumber(1, QUALITY_MAX_DAYS), "7"),
  agent: v.optional(v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(64, "must be at most 64 characters"))),
  /** One sign of poor service, or `flagged`: any of them. */
  flag: v.optional(v.picklist([...QUALITY_FLAGS, "flagged"], `must be one of ${[...QUALITY_FLAGS, "flagged"].join(", ")}`)),
  /** `appealed`: reviews the agent contested, not yet reviewed again (申诉中). */
  reviewed: v.optional(v.picklist(["yes", "no", "appealed", "all"], "must be one of yes, no, appealed, all"), "all"),
  /** The `openedAt` of the last row of the previous page. */
  before: v.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  limit: v.optional(wholeNumber(1, 100), "50"),
});
export type QualityListQuery = v.InferOutput<typeof QualityListQuery>;

const Score = v.pipe(
  v.number("must be a number"),
  v.integer("must be a whole number"),
  v.minValue(QUALITY_SCORE_MIN, `must be from ${QUALITY_SCORE_MIN} to ${QUALITY_SCORE_MAX}`),
  v.maxValue(QUALITY_SCORE_MAX, `must be from ${QUALITY_SCORE_MIN} to ${QUALITY_SCORE_MAX}`),
);

/** A reviewer's scores, each criterion 1–5, and what they want the agent to read. */
export const QualityReviewBody = v.object({
  scores: v.object(Object.fromEntries(QUALITY_CRITERIA.map((k) => [k, Score])) as Record<QualityCriterion, typeof Score>),
  comment: v.optional(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(QUALITY_COMMENT_MAX, `must be at most ${QUALITY_COMMENT_MAX} characters`)), ""),
});
export type QualityReviewBody = v.InferOutput<typeof QualityReviewBody>;

/** 申诉: the reviewed agent contests a review, once, saying why. */
export const QualityAppealBody = v.object({
  reason: v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(QUALITY_APPEAL_MAX, `must be at most ${QUALITY_APPEAL_MAX} characters`)),
});
export type QualityAppealBody = v.InferOutput<typeof QualityAppealBody>;

/** The agent's appeal of a review: open until a reviewer reviews it again. */
export interface QualityAppeal {
  reason: string;
  at: number;
  status: "open" | "answered";
  /** Once answered: the total the appeal contested (the review's `total` is the answer's). */
  totalBefore: number | null;
}

export interface QualityReview {
  sessionId: string;
  shopId: string;
  threadId: string;
  agentId: string;
  agentName: string | null;
  reviewerId: string;
  reviewerName: string | null;
  scores: QualityScores;
  total: number;
  grade: QualityGrade;
  comment: string;
  createdAt: number;
  updatedAt: number;
  appeal: QualityAppeal | null;
}

/** A review as the agent it is about reads it (我的质检). */
export interface MyQualityReview {
  sessionId: string;
  threadId: string;
  customerName: string | null;
  openedAt: number | null;
  reviewerName: string | null;
  scores: QualityScores;
  total: number;
  grade: QualityGrade;
  comment: string;
  updatedAt: number;
  appeal: QualityAppeal | null;
}

/** A finished consultation an agent held, with its signs and its review once there is one. */
export interface QualitySessionRow {
  sessionId: string;
  shopId: string;
  threadId: string;
  customerId: string;
  customerName: string | null;
  agentId: string;
  agentName: string | null;
  channel: string;
  openedAt: number;
  resolvedAt: number | null;
  closeReason: string | null;
  rating: number | null;
  ratingComment: string | null;
  customerMessages: number;
  agentMessages: number;
  firstResponseSeconds: number | null;
  flags: QualityFlag[];
  review: { total: number; grade: QualityGrade; reviewerName: string | null; updatedAt: number; appealStatus: "open" | "answered" | null } | null;
}

/** Each agent's reviews in the range (by when they were reviewed). */
export interface QualityAgentSummary {
  agentId: string;
  agentName: string | null;
  reviews: number;
  averageTotal: number;
  /** Reviews below QUALITY_PASS_MIN (不合格). */
  failed: number;
}

export interface QualityList {
  sessions: QualitySessionRow[];
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: number | null;
  agents: QualityAgentSummary[];
  /** Reviews of the scope appealed and not yet answered (申诉中), whatever the filters. */
  openAppeals: number;
}
