import { describe, expect, it } from "vitest";
import { localDateTime } from "../../core/domain/analytics/export";
import { EMPTY_TICKET_INPUT } from "../../core/domain/analytics/tickets";
import { QUARTER_MS, buildReport, datesBetween, lastDays, percentileSeconds, rangeInstants } from "../../core/domain/analytics/report";

describe("the report's calendar", () => {
  it("starts each local day at the zone's midnight, summer time and half-hour offsets included", () => {
    // New York moved to summer time on 8 March 2026: that day has 23 hours.
    expect(rangeInstants("2026-03-08", "2026-03-08", "America/New_York")).toEqual({ start: Date.parse("2026-03-08T05:00:00Z"), end: Date.parse("2026-03-09T04:00:00Z") });
    expect(rangeInstants("2026-03-01", "2026-03-03", "Asia/Kolkata")).toEqual({ start: Date.parse("2026-02-28T18:30:00Z"), end: Date.parse("2026-03-03T18:30:00Z") });
    expect(rangeInstants("2026-12-31", "2026-12-31", "Asia/Shanghai").end).toBe(Date.parse("2026-12-31T16:00:00Z"));
    expect(datesBetween("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    // 23:30 UTC on 1 March is already 2 March in Beijing.
    expect(lastDays(Date.parse("2026-03-01T23:30:00Z"), "Asia/Shanghai", 7)).toEqual({ from: "2026-02-24", to: "2026-03-02" });
    expect(localDateTime(Date.parse("2026-03-08T06:59:00Z"), "America/New_York")).toBe("2026-03-08 01:59");
  });

  it("files a quarter hour into the local day and hour it falls in", () => {
    const quarter = (iso: string, sessions: number) => ({
      quarter: Date.parse(iso) / QUARTER_MS, sessions, botOnly: sessions, handedOff: 0, resolved: 0, closed: 0, responded: 0, responseMs: 0, rated: 0, ratingSum: 0, satisfied: 0, handled: 0, handleMs: 0,
    });
    const report = buildReport({
      from: "2026-03-08", to: "2026-03-09", timeZone: "America/New_York",
      // 04:45 UTC is 23:45 on 7 March (outside the days: totals only); 05:00 UTC is midnight of the 8th; 04:00 UTC on the 9th is midnight again (summer time).
      quarters: [quarter("2026-03-08T04:45:00Z", 1), quarter("2026-03-08T05:00:00Z", 2), quarter("2026-03-09T03:45:00Z", 3), quarter("2026-03-09T04:00:00Z", 4)],
      responseSeconds: [], ratings: [], topics: [], channels: [], agents: [], comments: [], tickets: EMPTY_TICKET_INPUT,
    });
    expect(report.days.map((d) => [d.date, d.sessions])).toEqual([["2026-03-08", 5], ["2026-03-09", 4]]);
    expect(report.totals).toMatchObject({ sessions: 10, containment: 1, csat: null, avgRating: null, responseP50Ms: null });
    expect(report.hours[0]).toBe(6);
    expect(report.hours[23]).toBe(4);
  });
});

describe("response time percentiles", () => {
  it("take the nearest rank of per-second counts", () => {
    const counts = [{ seconds: 30, count: 1 }, { seconds: 5, count: 8 }, { seconds: 600, count: 1 }];
    expect(percentileSeconds(counts, 0.5)).toBe(5_000);
    expect(percentileSeconds(counts, 0.9)).toBe(30_000);
    expect(percentileSeconds(counts, 0.95)).toBe(600_000);
    expect(percentileSeconds([], 0.5)).toBeNull();
  });
});
