import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  DailyCapSetting, MAX_NOTICE_AGE_MS, MAX_QUEUE_DELAY_SEC, QuietHoursSetting, decideNotice, isNotifiableShipment, localDayStart, quietUntil, shipmentNoticeId,
  type NoticeFacts,
} from "../../core/domain/proactive";
import { NoticeId } from "../../core/protocol/proactive";
import { RECEIPT_RETENTION_MS } from "../../core/domain/retention";
import { REPLAY_WINDOW_MS } from "../../core/domain/webhook-signature";

/** An instant at Beijing wall-clock time on 2025-01-06 (+ `days`). */
const bj = (hhmm: string, days = 0) => Date.UTC(2025, 0, 6 + days, Number(hhmm.slice(0, 2)) - 8, Number(hhmm.slice(3)));
const QUIET = { from: "22:00", to: "08:00" };
const facts = (over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  now: bj("12:00"), timeZone: "Asia/Shanghai", quietHours: QUIET, optedOut: false, deliveredToday: 0, dailyCap: 5, ...over,
});

describe("proactive notices: which parcel steps", () => {
  it("announces the steps a shopper cares about, fresh ones only", () => {
    const now = bj("12:00");
    expect(["collected", "out_for_delivery", "delivered", "exception", "returned"].every((s) => isNotifiableShipment(s, now, now))).toBe(true);
    expect(isNotifiableShipment("in_transit", now, now)).toBe(false);
    expect(isNotifiableShipment("at_hub", now, now)).toBe(false);
    expect(isNotifiableShipment("delivered", now - MAX_NOTICE_AGE_MS, now)).toBe(true);
    expect(isNotifiableShipment("delivered", now - MAX_NOTICE_AGE_MS - 1, now)).toBe(false);
  });

  it("derives one notice id per step: stable, shop-bound, a valid id", () => {
    const a = shipmentNoticeId("apparel", "se_1");
    expect(a).toBe(shipmentNoticeId("apparel", "se_1"));
    expect(a).not.toBe(shipmentNoticeId("apparel", "se_2"));
    expect(a).not.toBe(shipmentNoticeId("food", "se_1"));
    expect(v.is(NoticeId, a)).toBe(true);
    expect(v.is(NoticeId, shipmentNoticeId("apparel", "事件.1:x"))).toBe(true);
  });
});

describe("proactive notices: the delivery policy", () => {
  it.each([
    ["delivers at noon under the cap", facts(), { action: "deliver" }],
    ["skips an opted-out shopper, even in quiet hours", facts({ optedOut: true, now: bj("23:00") }), { action: "skip", outcome: "skipped_opt_out" }],
    ["caps at the daily limit", facts({ deliveredToday: 5 }), { action: "skip", outcome: "capped" }],
    ["a cap of 0 turns notices off", facts({ dailyCap: 0 }), { action: "skip", outcome: "capped" }],
    ["delivers at 08:00 sharp", facts({ now: bj("08:00") }), { action: "deliver" }],
    ["delivers at 21:59", facts({ now: bj("21:59") }), { action: "deliver" }],
    ["no quiet hours: delivers at 03:00", facts({ now: bj("03:00"), quietHours: null }), { action: "deliver" }],
  ] as const)("%s", (_name, input, expected) => {
    expect(decideNotice(input)).toEqual(expected);
  });

  it("defers quiet-hour notices to the end of the quiet hours, before counting the cap", () => {
    expect(decideNotice(facts({ now: bj("22:00") }))).toEqual({ action: "defer", until: bj("08:00", 1), delaySec: 10 * 3600 });
    expect(decideNotice(facts({ now: bj("03:30"), deliveredToday: 9 }))).toEqual({ action: "defer", until: bj("08:00"), delaySec: 4.5 * 3600 });
    // Seconds into the minute shorten the delay; the end is the minute boundary.
    expect(decideNotice(facts({ now: bj("07:59") + 30_000 }))).toEqual({ action: "defer", until: bj("08:00"), delaySec: 30 });
  });

  it("never asks the queue for more than its 12-hour delay", () => {
    const d = decideNotice(facts({ now: bj("20:00"), quietHours: { from: "20:00", to: "10:00" } }));
    expect(d).toEqual({ action: "defer", until: bj("10:00", 1), delaySec: MAX_QUEUE_DELAY_SEC });
  });

  it("reads the clock in the shop's zone", () => {
    // 12:00 in Beijing is 05:00 in Berlin (winter): quiet there.
    expect(quietUntil(bj("12:00"), "Europe/Berlin", QUIET)).toBe(bj("15:00"));
    expect(quietUntil(bj("12:00"), "Asia/Shanghai", QUIET)).toBeNull();
    expect(localDayStart(bj("12:34") + 5_000, "Asia/Shanghai")).toBe(bj("00:00"));
    expect(localDayStart(bj("02:00"), "Europe/Berlin")).toBe(bj("07:00", -1));
  });

  it("validates the settings", () => {
    expect(v.parse(QuietHoursSetting, "22:00-08:00")).toEqual(QUIET);
    expect(v.parse(QuietHoursSetting, "off")).toBeNull();
    expect(v.parse(QuietHoursSetting, "")).toBeNull();
    for (const bad of ["22-08", "25:00-08:00", "08:00-08:00", "24:00-06:00"]) expect(v.is(QuietHoursSetting, bad), bad).toBe(false);
    expect(v.parse(DailyCapSetting, "5")).toBe(5);
    expect(v.is(DailyCapSetting, "-1")).toBe(false);
  });

  it("keeps webhook receipts well past the replay window", () => {
    expect(RECEIPT_RETENTION_MS).toBeGreaterThan(REPLAY_WINDOW_MS * 10);
  });
});
