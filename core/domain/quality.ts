/**
 * 质检 (quality review): a reviewer scores an agent's finished consultation on five criteria, and
 * finished consultations that show a sign of poor service are flagged for review first. Pure: the
 * Worker stores reviews and filters sessions with the same thresholds (worker/db/repos/quality.ts).
 */

/** What a reviewer scores, each 1–5; equally weighted. */
export const QUALITY_CRITERIA = ["attitude", "responsiveness", "accuracy", "resolution", "etiquette"] as const;
export type QualityCriterion = (typeof QUALITY_CRITERIA)[number];
export type QualityScores = Record<QualityCriterion, number>;

export const QUALITY_SCORE_MIN = 1;
export const QUALITY_SCORE_MAX = 5;

/** The review's total out of 100: the five scores' share of their maximum. */
export function qualityTotal(scores: QualityScores): number {
  const sum = QUALITY_CRITERIA.reduce((n, k) => n + scores[k], 0);
  return Math.round((sum / (QUALITY_CRITERIA.length * QUALITY_SCORE_MAX)) * 100);
}

export type QualityGrade = "excellent" | "good" | "pass" | "fail";

/** The lowest total that passes (合格); below it a review counts as failed. */
export const QUALITY_PASS_MIN = 60;

/** 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ QUALITY_PASS_MIN, 不合格 below. */
export function qualityGrade(total: number): QualityGrade {
  if (total >= 90) return "excellent";
  if (total >= 75) return "good";
  if (total >= QUALITY_PASS_MIN) return "pass";
  return "fail";
}

/**
 * Signs that a consultation deserves a reviewer's eyes:
 * - `low_rating`: the shopper rated it 2 stars or fewer;
 * - `slow_first_response`: the agent's first reply came more than a minute after they took it;
 * - `no_reply`: the agent took it and never wrote;
 * - `ended_idle`: it ended because the shopper went quiet, not because someone resolved it.
 */
export const QUALITY_FLAGS = ["low_rating", "slow_first_response", "no_reply", "ended_idle"] as const;
export type QualityFlag = (typeof QUALITY_FLAGS)[number];

/** A rating at or below this is a low rating. */
export const LOW_RATING_MAX = 2;
/** A first reply later than this after the agent took the session is slow. */
export const SLOW_FIRST_RESPONSE_MS = 60_000;

export interface FlaggableSession {
  rating: number | null;
  assignedAt: number | null;
  firstResponseAt: number | null;
  agentMessages: number;
  closeReason: string | null;
}

export function qualityFlags(s: FlaggableSession): QualityFlag[] {
  const flags: QualityFlag[] = [];
  if (s.rating !== null && s.rating <= LOW_RATING_MAX) flags.push("low_rating");
  if (s.assignedAt !== null && s.firstResponseAt !== null && s.firstResponseAt - s.assignedAt > SLOW_FIRST_RESPONSE_MS) flags.push("slow_first_response");
  if (s.agentMessages === 0) flags.push("no_reply");
  if (s.closeReason === "idle") flags.push("ended_idle");
  return flags;
}
