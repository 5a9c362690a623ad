/**
 * The demo's 质检: each selling shop's admin has reviewed some of the past consultations their
 * agents held (every low-rated one and about one in six of the rest), a day or two after they
 * ended; those opened in the last two days stay 待质检, so the review page has work on it. Each
 * session's review is drawn from its own id, so seeding again at another hour of the day
 * replaces the same rows (npm start re-seeds).
 */
import { QUALITY_CRITERIA, qualityGrade, qualityTotal, type QualityScores } from "../../core/domain/quality";
import type { qualityReviews } from "../../worker/db/schema";
import type { StaffRow } from "./directory";
import type { SessionRow } from "./history";
import { Rng } from "./random";
import { DAY, dayStart, HOUR } from "./time";

export type QualityReviewRow = typeof qualityReviews.$inferInsert;

/** Consultations opened on this many latest days (yesterday, the day before) are not reviewed yet. */
const UNREVIEWED_DAYS = 2;
const SAMPLE = 1 / 6;

/** What a reviewer writes, by how the consultation went. */
const COMMENTS = {
  fail: ["回复前先确认订单状态，道歉要具体，不要只说“亲”", "顾客问了两次才回复，接起会话后请在 1 分钟内首次响应", "没有给出解决方案就结束了会话，应先确认顾客问题已解决"],
  pass: ["解答基本正确，可以主动告知预计到货时间", "语气可以更亲切一些，结束前问一句还有没有其他问题", "先给结论再解释，顾客更容易看懂"],
  good: ["处理及时，规范用语到位", "主动提供了物流单号，值得表扬", "换货流程讲得清楚"],
  excellent: ["非常专业，顾客问题一次解决", "耐心细致，主动跟进，是本周的优秀案例"],
} as const;

/** Scores around a level (1–5) that a reviewer would give for a consultation rated so. */
function scoresFor(rng: Rng, rating: number | null | undefined): QualityScores {
  const level = rating === null || rating === undefined ? rng.int(3, 5) : rating <= 2 ? 2 : rating === 3 ? 3 : rating;
  return Object.fromEntries(QUALITY_CRITERIA.map((k) => [k, Math.max(1, Math.min(5, level + rng.int(-1, 1)))])) as QualityScores;
}

export function pastReviews(now: number, sessions: readonly SessionRow[], staff: readonly StaffRow[]): QualityReviewRow[] {
  const admins = new Map(staff.filter((s) => s.role === "shop_admin").map((s) => [s.shopId, s.id]));
  const rows: QualityReviewRow[] = [];
  for (const s of sessions) {
    const reviewer = admins.get(s.shopId);
    const ended = s.resolvedAt ?? s.openedAt;
    if (!s.agentId || !reviewer || s.openedAt >= dayStart(now, UNREVIEWED_DAYS)) continue;
    const rng = Rng.for(`quality:${s.id}`);
    const low = s.rating !== null && s.rating !== undefined && s.rating <= 2;
    if (!low && !rng.chance(SAMPLE)) continue;
    const scores = scoresFor(rng, s.rating);
    const total = qualityTotal(scores);
    // Never later than an hour ago (a consultation of late in the day before yesterday ended at most a day later).
    const at = Math.min(ended + rng.int(DAY / 2, 2 * DAY), now - HOUR);
    rows.push({ sessionId: s.id!, shopId: s.shopId, threadId: s.threadId, agentId: s.agentId, reviewerId: reviewer, scores, total, comment: rng.pick(COMMENTS[qualityGrade(total)]), createdAt: at, updatedAt: at });
  }
  return rows;
}
