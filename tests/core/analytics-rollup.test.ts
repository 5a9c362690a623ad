import { describe, expect, it } from "vitest";
import { EMPTY_TICKET_INPUT } from "../../core/domain/analytics/tickets";
import { QUARTER_MS, buildReport, rangeInstants, type AgentCounts, type QuarterCounts } from "../../core/domain/analytics/report";
import { DAY_MS, closedWholeDays, dayRuns, liveIntervals, mergeScans, mixFigures, servableDays, utcDay, type SessionScans } from "../../core/domain/analytics/rollup";

const day = (iso: string) => utcDay(Date.parse(`${iso}T00:00:00Z`));
const at = (iso: string) => Date.parse(iso);

describe("which days a roll-up serves", () => {
  it("takes only UTC days wholly inside the range that have ended", () => {
    // Kolkata's 1-3 March: 28 Feb 18:30 UTC to 3 Mar 18:30 UTC; whole UTC days: 1 and 2 March.
    const { start, end } = rangeInstants("2026-03-01", "2026-03-03", "Asia/Kolkata");
    expect(closedWholeDays(start, end, at("2026-03-10T00:00:00Z"))).toEqual({ first: day("2026-03-01"), last: day("2026-03-02") });
    // On 2 March (UTC) only 1 March has ended: today is always live.
    expect(closedWholeDays(start, end, at("2026-03-02T23:59:00Z"))).toEqual({ first: day("2026-03-01"), last: day("2026-03-01") });
    // A range aligned to UTC midnights has all its days.
    expect(closedWholeDays(at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z"), at("2026-04-01T00:00:00Z"))).toEqual({ first: day("2026-03-01"), last: day("2026-03-02") });
    // One local day never holds a whole UTC day unless it is one.
    const one = rangeInstants("2026-03-02", "2026-03-02", "Asia/Shanghai");
    expect(closedWholeDays(one.start, one.end, at("2026-04-01T00:00:00Z"))).toBeNull();
  });

  it("serves rolled-up days and days with no session, never a day queued or changed since", () => {
    const first = day("2026-03-01");
    const candidates = { first, last: first + 5 };
    // The watermark stands at the end of day 3: days 0-3 are known, 4 and 5 only if rolled up.
    const state = { touchedBefore: (first + 4) * DAY_MS, rolledUp: [first, first + 2, first + 4], pending: [first + 2], touched: [first + 3] };
    // Day 1: no roll-up, nothing queued, watermark past it: it had no sessions.
    expect(servableDays(candidates, state)).toEqual([first, first + 1, first + 4]);
    // The cron never ran: nothing is known.
    expect(servableDays(candidates, { touchedBefore: null, rolledUp: [], pending: [], touched: [] })).toEqual([]);
  });

  it("leaves the rest of the range to scan live, as few intervals as the gaps", () => {
    const start = at("2026-02-28T18:30:00Z");
    const end = at("2026-03-05T18:30:00Z");
    const d = day("2026-03-01");
    expect(liveIntervals(start, end, [])).toEqual([[start, end]]);
    expect(liveIntervals(start, end, [d, d + 1, d + 3])).toEqual([
      [start, d * DAY_MS],
      [(d + 2) * DAY_MS, (d + 3) * DAY_MS],
      [(d + 4) * DAY_MS, end],
    ]);
    // Everything served: nothing to scan.
    expect(liveIntervals(d * DAY_MS, (d + 2) * DAY_MS, [d + 1, d])).toEqual([]);
    expect(dayRuns([d + 4, d, d + 1, d + 1, d + 2])).toEqual([{ first: d, last: d + 2 }, { first: d + 4, last: d + 4 }]);
  });
});

const quarter = (q: number, sessions: number, extra: Partial<QuarterCounts> = {}): QuarterCounts => ({
  quarter: q, sessions, botOnly: sessions, handedOff: 0, resolved: 0, closed: 0, responded: 0, responseMs: 0, rated: 0, ratingSum: 0, satisfied: 0, handled: 0, handleMs: 0, ...extra,
});
const agent = (agentId: string, sessions: number, extra: Partial<AgentCounts> = {}): AgentCounts => ({
  agentId, name: `客服${agentId}`, sessions, resolved: 0, responded: 0, responseMs: 0, handled: 0, handleMs: 0, rated: 0, ratingSum: 0, satisfied: 0, messages: 0, ...extra,
});

describe("adding roll-ups and live rows", () => {
  it("adds rows of the same key and keeps the rest", () => {
    const live: SessionScans = {
      quarters: [quarter(10, 2, { rated: 1, ratingSum: 5, satisfied: 1 })],
      responseSeconds: [{ seconds: 5, count: 1 }, { seconds: 30, count: 2 }],
      mix: [{ topic: null, channel: "app", rating: null, sessions: 1, handedOff: 0 }, { topic: "logistics", channel: "app", rating: 5, sessions: 1, handedOff: 1 }],
      agents: [agent("a", 1, { messages: 3 })],
    };
    const rolledUp: SessionScans = {
      quarters: [quarter(200, 4), quarter(10, 1, { rated: 1, ratingSum: 2 })],
      responseSeconds: [{ seconds: 30, count: 5 }],
      mix: [{ topic: null, channel: "app", rating: null, sessions: 4, handedOff: 2 }, { topic: "logistics", channel: "h5", rating: 5, sessions: 2, handedOff: 2 }],
      agents: [agent("a", 2, { messages: 4 }), agent("b", 1)],
    };
    const merged = mergeScans([live, rolledUp]);
    expect(merged.quarters).toEqual([quarter(10, 3, { rated: 2, ratingSum: 7, satisfied: 1 }), quarter(200, 4)]);
    expect(merged.responseSeconds).toEqual([{ seconds: 5, count: 1 }, { seconds: 30, count: 7 }]);
    expect(merged.mix).toEqual([
      { topic: null, channel: "app", rating: null, sessions: 5, handedOff: 2 },
      { topic: "logistics", channel: "app", rating: 5, sessions: 1, handedOff: 1 },
      { topic: "logistics", channel: "h5", rating: 5, sessions: 2, handedOff: 2 },
    ]);
    expect(merged.agents).toEqual([agent("a", 3, { messages: 7 }), agent("b", 1)]);
    // The inputs are not changed.
    expect(live.quarters[0]!.sessions).toBe(2);
    expect(mixFigures(merged.mix)).toEqual({
      ratings: [{ rating: 5, count: 3 }],
      topics: [{ topic: null, sessions: 5, handedOff: 2 }, { topic: "logistics", sessions: 3, handedOff: 3 }],
      channels: [{ channel: "app", sessions: 6 }, { channel: "h5", sessions: 2 }],
    });
  });

  it("gives the same report however the range was split", () => {
    const q0 = Date.parse("2026-03-01T18:00:00Z") / QUARTER_MS;
    const whole: SessionScans = {
      quarters: [quarter(q0, 3, { responded: 2, responseMs: 40_000 }), quarter(q0 + 40, 2, { rated: 2, ratingSum: 9, satisfied: 2 })],
      responseSeconds: [{ seconds: 10, count: 1 }, { seconds: 30, count: 1 }],
      mix: [{ topic: "payment", channel: "app", rating: 4, sessions: 3, handedOff: 1 }, { topic: "payment", channel: "app", rating: 5, sessions: 2, handedOff: 2 }],
      agents: [agent("x", 2, { name: "小王" }), agent("y", 2, { name: "小王" })],
    };
    const a: SessionScans = {
      quarters: [whole.quarters[0]!], responseSeconds: [whole.responseSeconds[1]!], mix: [{ ...whole.mix[0]!, sessions: 1, handedOff: 0 }], agents: [agent("y", 2, { name: "小王" }), agent("x", 1, { name: "小王" })],
    };
    const b: SessionScans = {
      quarters: [whole.quarters[1]!], responseSeconds: [whole.responseSeconds[0]!], mix: [{ ...whole.mix[0]!, sessions: 2, handedOff: 1 }, whole.mix[1]!], agents: [agent("x", 1, { name: "小王" })],
    };
    const report = (s: SessionScans) =>
      buildReport({ from: "2026-03-01", to: "2026-03-03", timeZone: "Asia/Kolkata", ...s, ...mixFigures(s.mix), comments: [], tickets: EMPTY_TICKET_INPUT });
    // Two agents of one name and one count keep one order too.
    expect(report(mergeScans([a, b]))).toEqual(report(whole));
    expect(report(mergeScans([b, a]))).toEqual(report(whole));
  });
});
