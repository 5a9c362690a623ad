/**
 * The service report's daily roll-ups against the real local D1: the report reads the same from
 * roll-ups as from the sessions, sees later changes at once and after the next cron run from new
 * roll-ups, never mixes shops, and works a backlog off a bounded share per run.
 */
import { env } from "cloudflare:workers";
import { and, eq, getTableName, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DAY_MS, closedWholeDays, servableDays, utcDay } from "../../core/domain/analytics/rollup";
import { rangeInstants } from "../../core/domain/analytics/report";
import { database } from "../../worker/db/client";
import type { ReportScope } from "../../worker/db/repos/analytics";
import { ALL_SHOPS, rollupState, rollUpShopDay } from "../../worker/db/repos/report-rollups";
import { reportRollupAgents, reportRollupDays, reportRollupMix, reportRollupPending, reportRollupQuarters, reportRollupResponseSeconds, sessions, shops } from "../../worker/db/schema";
import { REPORT_ROLLUP_SETTLE_MS, rollUpReportDays } from "../../worker/services/analytics-rollup";
import { serviceReport } from "../../worker/services/analytics";
import { runMaintenance } from "../../worker/scheduled";
import { api } from "../helpers/fixtures";
import { makeShop, type TestShop } from "../helpers/queue-fixture";

const db = database(env.DB);
const MIN = 60_000;
/** Kolkata (UTC+5:30): local days never start on a UTC midnight, so every range has live edges. */
const ZONE = "Asia/Kolkata";
const local = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+05:30`);
const RANGE = { from: "2026-03-01", to: "2026-03-06" };
const DATES = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"];
// 00:10 and 05:20 local are the UTC day before; 05:40 is just past UTC midnight; 23:50 is 18:20 UTC.
const TIMES = ["00:10", "05:20", "05:40", "11:15", "16:45", "23:50"];
const TOPICS = ["logistics", "after_sales", null, "payment", "pre_sales"];
const CHANNELS = ["app", "h5", "miniprogram", "pc"];

type Row = typeof sessions.$inferInsert;

/** A varied session: the bot alone, answered and resolved with a rating, answered and still open, or waiting. */
function session(id: string, shopId: string, openedAt: number, i: number, agents: string[]): Row {
  const base = { id, shopId, customerId: `cu-${id}`, threadId: `${shopId}:cu-${id}`, channel: CHANNELS[i % 4]!, topic: TOPICS[i % 5] ?? null, openedAt, lastMessageAt: openedAt, updatedAt: openedAt + 20 * MIN, customerMessages: 1 + (i % 3) };
  const agentId = agents[i % agents.length]!;
  const handedOffAt = openedAt + (i % 7) * 1000;
  switch (i % 4) {
    case 0:
      return { ...base, status: "resolved", closeReason: "idle", resolvedAt: openedAt + 30 * MIN, resolvedBy: "system", botMessages: 2 };
    case 1: {
      const answered = handedOffAt + (5 + ((i * 13) % 170)) * 1000;
      const rating = 1 + (i % 5);
      return {
        ...base, status: "resolved", handedOffAt, assignedAt: handedOffAt + 2000, agentId, firstResponseAt: answered, resolvedAt: answered + (i % 11) * MIN, resolvedBy: agentId,
        closeReason: "resolved", agentMessages: 2 + (i % 4), rating, ratedAt: answered + 20 * MIN, ratingComment: i % 3 === 0 ? `第${i}次评价` : null,
      };
    }
    case 2:
      return { ...base, status: "assigned", handedOffAt, assignedAt: handedOffAt + 1000, agentId, firstResponseAt: handedOffAt + (i % 40) * 1000, agentMessages: 1, rating: i % 3 === 0 ? 4 : null, ratedAt: i % 3 === 0 ? openedAt + 5 * MIN : null };
    default:
      return { ...base, status: "queued", handedOffAt };
  }
}

async function insertRows(rows: Row[]) {
  // One statement per row: D1 takes at most 100 bound values a statement.
  const [first, ...rest] = rows.map((r) => db.insert(sessions).values(r));
  await db.batch([first!, ...rest]);
}

let shop: TestShop;
let other: TestShop;
let shopRows: Row[];
let otherRows: Row[];
/** The test's clock: every write and cron run is at a time it says, not the machine's. */
let clock: number;

const reportOf = (scope: ReportScope, now: number, range: { from: string; to: string } | { days: number } = RANGE) => serviceReport(db, scope, range, now);
/** The shop's report, every shop's (Beijing's days) and an agent's own. */
const reports = async (now: number) => ({
  shop: await reportOf({ shopId: shop.shopId }, now),
  all: await reportOf("all", now),
  mine: await reportOf({ shopId: shop.shopId, agentId: shop.staffId("ana") }, now),
});
/** What a cron run at `at` does for the report. */
const cron = (at: number, limits?: { days: number; rows: number }) => rollUpReportDays(db, at, limits);
const markers = async (scope: string) => (await db.select({ day: reportRollupDays.day, at: reportRollupDays.rolledUpAt }).from(reportRollupDays).where(eq(reportRollupDays.scope, scope)).all()).sort((a, b) => a.day - b.day);
const daysOf = (rows: Row[]) => [...new Set(rows.map((r) => utcDay(r.openedAt)))].sort((a, b) => a - b);

beforeAll(async () => {
  [shop, other] = await Promise.all([
    makeShop([{ key: "presales" }], [{ handle: "ana", groups: ["presales"] }, { handle: "bo", groups: ["presales"] }, { handle: "boss", groups: [], role: "shop_admin" }]),
    makeShop([{ key: "presales" }], [{ handle: "cy", groups: ["presales"] }]),
  ]);
  await db.update(shops).set({ businessHours: { timeZone: ZONE, weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]])) } }).where(eq(shops.id, shop.shopId)).run();
  const agents = [shop.staffId("ana"), shop.staffId("bo")];
  let i = 0;
  shopRows = DATES.flatMap((date) => TIMES.map((time) => session(`r${i}`, shop.shopId, local(date, time), i++, agents)));
  // The other shop on the same days and hours (its own agent): never in the shop's figures.
  otherRows = DATES.slice(1, 4).flatMap((date) => TIMES.map((time) => session(`o${i}`, other.shopId, local(date, time) + 7 * MIN, i++, [other.staffId("cy")])));
  await insertRows([...shopRows, ...otherRows]);
  clock = Date.now();
});

describe("the service report's daily roll-ups", () => {
  it("reads the same report from roll-ups and the live edges as from the sessions alone", async () => {
    const live = await reports(clock);
    expect(live.shop.totals.sessions).toBe(shopRows.length);

    const run = await runMaintenance(env, clock);
    // Every UTC day of each shop's sessions, and each of those days for every shop.
    const shopDays = daysOf(shopRows);
    const allDays = daysOf([...shopRows, ...otherRows]);
    expect(run.reportDaysRolledUp).toBe(shopDays.length + daysOf(otherRows).length + allDays.length);
    expect((await markers(shop.shopId)).map((m) => m.day)).toEqual(shopDays);
    expect((await markers(ALL_SHOPS)).map((m) => m.day)).toEqual(allDays);

    const rolled = await reports(clock);
    expect(rolled).toEqual(live);
    // Through the API too.
    const viaApi = (await (await api(`/api/admin/analytics?from=${RANGE.from}&to=${RANGE.to}`, { token: shop.tokens.boss! })).json()) as object;
    expect(viaApi).toEqual({ ...live.shop });

    // The range's whole UTC days (1-5 March) are served from roll-ups, and a roll-up row counts:
    // changed by hand, the report shows it.
    const { start, end } = rangeInstants(RANGE.from, RANGE.to, ZONE);
    const candidates = closedWholeDays(start, end, clock)!;
    expect(servableDays(candidates, await rollupState(db, shop.shopId, candidates))).toEqual([0, 1, 2, 3, 4].map((d) => utcDay(Date.parse("2026-03-01T00:00:00Z")) + d));
    const day = utcDay(Date.parse("2026-03-03T00:00:00Z"));
    await db.update(reportRollupQuarters).set({ sessions: sql`${reportRollupQuarters.sessions} + 100` }).where(and(eq(reportRollupQuarters.scope, shop.shopId), eq(reportRollupQuarters.day, day))).run();
    expect((await reportOf({ shopId: shop.shopId }, clock)).totals.sessions).toBe(shopRows.length + 100 * (await db.$count(reportRollupQuarters, and(eq(reportRollupQuarters.scope, shop.shopId), eq(reportRollupQuarters.day, day)))));
    await rollUpShopDay(db, shop.shopId, day, clock);
    expect(await reports(clock)).toEqual(live);
  });

  it("keeps a shop's roll-ups to its own sessions; every shop's day is the sum of the shops'", async () => {
    const agentsIn = async (scope: string) => [...new Set((await db.select({ id: reportRollupAgents.agentId }).from(reportRollupAgents).where(eq(reportRollupAgents.scope, scope)).all()).map((r) => r.id))].sort();
    expect(await agentsIn(shop.shopId)).toEqual([shop.staffId("ana"), shop.staffId("bo")].sort());
    expect(await agentsIn(other.shopId)).toEqual([other.staffId("cy")]);
    const sessionsIn = async (scope: string) => Number((await db.select({ n: sql`sum(${reportRollupQuarters.sessions})` }).from(reportRollupQuarters).where(eq(reportRollupQuarters.scope, scope)).get())!.n);
    expect(await sessionsIn(shop.shopId)).toBe(shopRows.length);
    expect(await sessionsIn(other.shopId)).toBe(otherRows.length);

    // Each table's '*' rows are its shops' rows added by key.
    const byKey = async (table: typeof reportRollupQuarters | typeof reportRollupResponseSeconds | typeof reportRollupMix | typeof reportRollupAgents, key: string, value: string) => {
      const rows = await db.all<{ isAll: number; k: string; v: number }>(sql`SELECT scope = ${ALL_SHOPS} AS isAll, day || '/' || ${sql.raw(key)} AS k, sum(${sql.raw(value)}) AS v FROM ${table} GROUP BY 1, 2 ORDER BY 1, 2`);
      const of = (isAll: number) => rows.filter((r) => r.isAll === isAll).map(({ k, v }) => [k, v]);
      return { shops: of(0), all: of(1) };
    };
    for (const [table, key, value] of [
      [reportRollupQuarters, "quarter", "sessions * 1000000 + rated * 10000 + response_ms"],
      [reportRollupResponseSeconds, "seconds", "sessions"],
      [reportRollupMix, "coalesce(topic, '-') || channel || coalesce(rating, '-')", "sessions * 1000 + handed_off"],
      [reportRollupAgents, "agent_id", "sessions * 1000 + messages"],
    ] as const) {
      const { shops, all } = await byKey(table, key, value);
      expect(all.length, getTableName(table)).toBeGreaterThan(0);
      expect(all, getTableName(table)).toEqual(shops);
    }
    expect(await sessionsIn(ALL_SHOPS)).toBe(shopRows.length + otherRows.length);
  });

  it("shows a change to a rolled-up day at once, and from the day's new roll-up after the next run", async () => {
    const before = await reports(clock);
    // A waiting session of 3 March is answered, closed and rated a while later.
    const waiting = shopRows.find((r) => r.status === "queued" && r.openedAt >= local("2026-03-03", "05:30") && r.openedAt < local("2026-03-03", "23:59"))!;
    const day = utcDay(waiting.openedAt);
    clock += MIN;
    await db
      .update(sessions)
      .set({ status: "resolved", agentId: shop.staffId("bo"), assignedAt: clock - 60_000, firstResponseAt: clock - 50_000, resolvedAt: clock, resolvedBy: shop.staffId("bo"), closeReason: "resolved", agentMessages: 3, rating: 1, ratedAt: clock, ratingComment: "太慢了", updatedAt: clock })
      .where(eq(sessions.id, waiting.id))
      .run();

    const changed = await reports(clock);
    expect(changed.shop.totals).toMatchObject({ sessions: before.shop.totals.sessions, resolved: (before.shop.totals.resolved as number) + 1, rated: (before.shop.totals.rated as number) + 1, responded: (before.shop.totals.responded as number) + 1 });
    expect(changed.shop.comments[0]).toMatchObject({ sessionId: waiting.id, score: 1, comment: "太慢了" });
    expect(changed.all.totals.rated).toBe((before.all.totals.rated as number) + 1);
    expect(changed.shop.agents.find((a) => a.agentId === shop.staffId("bo"))!.sessions).toBe(before.shop.agents.find((a) => a.agentId === shop.staffId("bo"))!.sessions + 1);
    // The day is read live until the cron has rolled it up again.
    const { start, end } = rangeInstants(RANGE.from, RANGE.to, ZONE);
    const candidates = closedWholeDays(start, end, clock)!;
    expect(servableDays(candidates, await rollupState(db, shop.shopId, candidates))).not.toContain(day);

    // The next run finds the change (once it has settled) and rolls up that day, of the shop and of every shop.
    clock += REPORT_ROLLUP_SETTLE_MS + MIN;
    expect((await runMaintenance(env, clock)).reportDaysRolledUp).toBe(2);
    expect((await markers(shop.shopId)).find((m) => m.day === day)!.at).toBe(clock);
    expect((await markers(ALL_SHOPS)).find((m) => m.day === day)!.at).toBe(clock);
    expect(servableDays(candidates, await rollupState(db, shop.shopId, candidates))).toContain(day);
    expect(await reports(clock)).toEqual(changed);
    // Nothing changed since: nothing to do.
    expect(await cron(clock + MIN)).toBe(0);
  });

  it("works a backlog off a bounded share per run, and reads what is not rolled up yet live", async () => {
    // A third shop's ten days of February, written now (a backfill, or a shop moved in).
    const late = await makeShop([{ key: "presales" }], [{ handle: "dee", groups: ["presales"] }]);
    clock += MIN;
    const rows = Array.from({ length: 10 }, (_, d) => ({ ...session(`late${d}`, late.shopId, Date.parse(`2026-02-${String(10 + d).padStart(2, "0")}T${String(d * 2).padStart(2, "0")}:30:00Z`), d, [late.staffId("dee")]), updatedAt: clock + d }));
    await insertRows(rows);
    const range = { from: "2026-02-08", to: "2026-02-22" };
    const scope = { shopId: late.shopId };
    clock += REPORT_ROLLUP_SETTLE_MS + MIN;
    const live = await reportOf(scope, clock, range);
    expect(live.totals.sessions).toBe(10);

    // At most 4 scope-days a run, and the updates of at most 5 sessions found a run.
    const limits = { days: 4, rows: 5 };
    const runs: number[] = [];
    for (let run = 0; run < 10; run++) {
      const done = await cron(clock, limits);
      runs.push(done);
      if (done === 0) break;
      expect(await reportOf(scope, clock, range)).toEqual(live);
      clock += MIN;
    }
    // Ten days of the shop and the same ten for every shop.
    expect(runs).toEqual([4, 4, 4, 4, 4, 0]);
    expect((await markers(late.shopId)).map((m) => m.day)).toEqual(daysOf(rows));
    expect(await db.$count(reportRollupPending, inArray(reportRollupPending.day, daysOf(rows)))).toBe(0);
    expect(await reportOf(scope, clock, range)).toEqual(live);
  });

  it("leaves today live, and rolls it up once it has ended", async () => {
    // Noon (UTC) of the day after the test clock's day, an hour after a session opened.
    const noon = (utcDay(clock) + 1) * DAY_MS + 12 * 60 * MIN;
    const today = utcDay(noon);
    await insertRows([{ ...session("today1", shop.shopId, noon - 60 * MIN, 1, [shop.staffId("ana")]), updatedAt: noon - 50 * MIN }]);
    const todays = await reportOf({ shopId: shop.shopId }, noon, { days: 1 });
    expect(todays.totals).toMatchObject({ sessions: 1, rated: 1 });

    expect(await cron(noon)).toBe(0);
    expect((await markers(shop.shopId)).map((m) => m.day)).not.toContain(today);
    expect(await reportOf({ shopId: shop.shopId }, noon, { days: 1 })).toEqual(todays);

    // The next day: the shop's day and every shop's.
    const tomorrow = noon + DAY_MS;
    expect(await cron(tomorrow)).toBe(2);
    expect((await markers(shop.shopId)).map((m) => m.day)).toContain(today);
    expect(await reportOf({ shopId: shop.shopId }, tomorrow, { from: todays.from, to: todays.to })).toEqual(todays);
  });
});
