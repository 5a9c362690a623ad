/**
 * 质检 (quality review): admins list their shop's finished consultations (platform admins any
 * shop's), read one with its transcript, and score it; each agent reads the reviews of their own
 * consultations. Another shop's session is "not found", never "forbidden": its existence is not told.
 */
import { getServerByName } from "partyserver";
import { DomainError } from "../../core/domain/errors";
import { qualityFlags, qualityGrade, qualityTotal } from "../../core/domain/quality";
import type { MyQualityReview, QualityAppeal, QualityAppealBody, QualityList, QualityListQuery, QualityReview, QualityReviewBody, QualitySessionRow } from "../../core/protocol/quality";
import type { ChatMessage } from "../../core/protocol";
import type { Database } from "../db/client";
import { agentReviews, agentSummaries, countOpenAppeals, findQualitySession, findReview, listQualitySessions, saveAppeal, saveReview, type QualityReviewRow, type QualitySessionJoined } from "../db/repos/quality";
import { adminReadScope } from "./admin-scope";
import type { Identity } from "./identity";

const DAY_MS = 86_400_000;
/** A transcript longer than this is cut (a reviewer reads the thread itself for the rest). */
export const TRANSCRIPT_MAX = 500;
const MY_REVIEWS_MAX = 100;

const appealStatusOf = (s: string | null): "open" | "answered" | null => (s === "open" || s === "answered" ? s : null);

function appealOf(x: QualityReviewRow): QualityAppeal | null {
  const status = appealStatusOf(x.appealStatus);
  return status && x.appealReason !== null && x.appealedAt !== null ? { reason: x.appealReason, at: x.appealedAt, status, totalBefore: x.appealTotalBefore } : null;
}

function toRow(r: QualitySessionJoined): QualitySessionRow {
  const s = r.session;
  return {
    sessionId: s.id, shopId: s.shopId, threadId: s.threadId, customerId: s.customerId, customerName: r.customerName, agentId: s.agentId!, agentName: r.agentName,
    channel: s.channel, openedAt: s.openedAt, resolvedAt: s.resolvedAt, closeReason: s.closeReason, rating: s.rating, ratingComment: s.ratingComment,
    customerMessages: s.customerMessages, agentMessages: s.agentMessages,
    firstResponseSeconds: s.assignedAt !== null && s.firstResponseAt !== null ? Math.max(0, Math.round((s.firstResponseAt - s.assignedAt) / 1000)) : null,
    flags: qualityFlags(s),
    review:
      r.reviewTotal !== null && r.reviewUpdatedAt !== null
        ? { total: r.reviewTotal, grade: qualityGrade(r.reviewTotal), reviewerName: r.reviewerName, updatedAt: r.reviewUpdatedAt, appealStatus: appealStatusOf(r.reviewAppealStatus) }
        : null,
  };
}

export async function qualityList(db: Database, identity: Identity, q: QualityListQuery, now: number): Promise<QualityList> {
  const scope = adminReadScope(identity, q.shop);
  const since = now - Number(q.days) * DAY_MS;
  const limit = Number(q.limit);
  const [rows, agents, openAppeals] = await Promise.all([
    listQualitySessions(db, scope, {
      since, before: q.before ?? now + 1, limit: limit + 1, reviewed: q.reviewed,
      ...(q.agent !== undefined ? { agentId: q.agent } : {}), ...(q.flag !== undefined ? { flag: q.flag } : {}),
    }),
    agentSummaries(db, scope, since),
    countOpenAppeals(db, scope),
  ]);
  const page = rows.slice(0, limit).map(toRow);
  return {
    sessions: page,
    nextBefore: rows.length > limit ? page[page.length - 1]!.openedAt : null,
    agents: agents.map((a) => ({ agentId: a.agentId, agentName: a.agentName, reviews: a.reviews, averageTotal: Math.round(a.averageTotal * 10) / 10, failed: a.failed })),
    openAppeals,
  };
}

/** The consultation, if the admin may review it: their shop's (platform admins: any), held by an agent. */
async function reviewable(db: Database, identity: Identity, sessionId: string): Promise<QualitySessionJoined> {
  const scope = adminReadScope(identity, undefined);
  const row = await findQualitySession(db, sessionId);
  if (!row || (scope !== "all" && row.session.shopId !== scope.shopId) || row.session.agentId === null) {
    throw new DomainError("not_found", "sessionId: no consultation held by an agent with this id in your shop");
  }
  return row;
}

async function reviewOf(db: Database, sessionId: string): Promise<QualityReview | null> {
  const r = await findReview(db, sessionId);
  if (!r) return null;
  const x = r.review;
  return {
    sessionId: x.sessionId, shopId: x.shopId, threadId: x.threadId, agentId: x.agentId, agentName: r.agentName, reviewerId: x.reviewerId, reviewerName: r.reviewerName,
    scores: x.scores, total: x.total, grade: qualityGrade(x.total), comment: x.comment, createdAt: x.createdAt, updatedAt: x.updatedAt, appeal: appealOf(x),
  };
}

/** One consultation for review: its facts and signs, what was said in it, and its review. */
export async function qualitySession(env: Env, db: Database, identity: Identity, sessionId: string): Promise<{ session: QualitySessionRow; transcript: ChatMessage[]; truncated: boolean; review: QualityReview | null }> {
  const row = await reviewable(db, identity, sessionId);
  const room = await getServerByName(env.ConversationRoom, row.session.threadId);
  const [messages, review] = await Promise.all([room.sessionTranscript(sessionId, TRANSCRIPT_MAX + 1), reviewOf(db, sessionId)]);
  return { session: toRow(row), transcript: messages.slice(0, TRANSCRIPT_MAX), truncated: messages.length > TRANSCRIPT_MAX, review };
}

/** Scores a finished consultation (again: the new scores replace the old). */
export async function reviewSession(db: Database, identity: Identity, sessionId: string, body: QualityReviewBody, now: number): Promise<QualityReview> {
  const row = await reviewable(db, identity, sessionId);
  const s = row.session;
  if (identity.kind !== "staff") throw new DomainError("forbidden", "admins only");
  if (s.status !== "resolved") throw new DomainError("conflict", "sessionId: the consultation is still open; review it once it has ended");
  if (s.agentId === identity.staffId) throw new DomainError("forbidden", "sessionId: you may not review a consultation you held yourself");
  await saveReview(db, { sessionId, shopId: s.shopId, threadId: s.threadId, agentId: s.agentId!, reviewerId: identity.staffId, scores: body.scores, total: qualityTotal(body.scores), comment: body.comment }, now);
  return (await reviewOf(db, sessionId))!;
}

/** 我的质检: the reviews of the consultations this staff member held in their shop, newest first. */
export async function myReviews(db: Database, identity: Identity): Promise<{ reviews: MyQualityReview[] }> {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  const rows = await agentReviews(db, identity.shopId, identity.staffId, MY_REVIEWS_MAX);
  return { reviews: rows.map(myReviewOf) };
}

function myReviewOf(r: Awaited<ReturnType<typeof agentReviews>>[number]): MyQualityReview {
  return {
    sessionId: r.review.sessionId, threadId: r.review.threadId, customerName: r.customerName, openedAt: r.openedAt, reviewerName: r.reviewerName,
    scores: r.review.scores, total: r.review.total, grade: qualityGrade(r.review.total), comment: r.review.comment, updatedAt: r.review.updatedAt, appeal: appealOf(r.review),
  };
}

/**
 * 申诉: the agent a review is about contests it, once, in their own shop. The review's reviewers
 * see it among the appealed (申诉中) until one of them reviews it again.
 */
export async function appealReview(db: Database, identity: Identity, sessionId: string, body: QualityAppealBody, now: number): Promise<MyQualityReview> {
  if (identity.kind !== "staff") throw new DomainError("forbidden", "staff only");
  const mine = async () => (await agentReviews(db, identity.shopId, identity.staffId, 1, sessionId))[0];
  if (!(await mine())) throw new DomainError("not_found", "sessionId: no review of a consultation you held with this id");
  // The guarded UPDATE is the one check of "once": it also settles two appeals sent together.
  if (!(await saveAppeal(db, sessionId, identity.staffId, body.reason, now))) throw new DomainError("conflict", "sessionId: this review was appealed already; each review may be appealed once");
  return myReviewOf((await mine())!);
}
