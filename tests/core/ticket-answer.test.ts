/**
 * The shopper's answer to a resolution ("is your problem solved?") and the auto-close it shares
 * its window with: which tickets may be answered and until when, what each answer sets, and the
 * body the route takes.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { answerRefusal, answerStatus, autoCloseBefore, mayAnswer, TICKET_ANSWER_WINDOW_MS } from "../../core/domain/tickets";
import { TICKET_STATUSES, TicketAnswerBody } from "../../core/protocol/tickets";

const T = 1_700_000_000_000;
const DAY = 86_400_000;

describe("tickets: the shopper's answer to a resolution", () => {
  it("answers only a resolved ticket, within 7 days of its resolution", () => {
    expect(TICKET_ANSWER_WINDOW_MS).toBe(7 * DAY);
    for (const status of TICKET_STATUSES) {
      const refusal = answerRefusal({ status, resolvedAt: T }, T + DAY);
      expect(refusal === null, status).toBe(status === "resolved");
      if (refusal) expect(refusal).toMatchObject({ code: "conflict", message: `answer: only a resolved ticket can be answered; this one is ${status}`, details: [{ field: "answer" }] });
    }
    const cases: [number, boolean][] = [
      [T, true],
      [T + 7 * DAY, true],
      [T + 7 * DAY + 1, false],
      [T + 30 * DAY, false],
    ];
    for (const [now, ok] of cases) {
      expect(mayAnswer({ status: "resolved", resolvedAt: T }, now), `${(now - T) / DAY} days`).toBe(ok);
      if (!ok) expect(answerRefusal({ status: "resolved", resolvedAt: T }, now)).toMatchObject({ code: "conflict", details: [{ field: "answer" }] });
    }
    expect(answerRefusal({ status: "resolved", resolvedAt: T }, T + 8 * DAY)?.message).toContain("the time to answer this resolution has passed");
    // A resolved ticket without its time (never written so) is past answering.
    expect(mayAnswer({ status: "resolved", resolvedAt: null }, T)).toBe(false);
  });

  it("closes the ticket on solved and reopens it on unsolved", () => {
    expect(answerStatus("solved")).toBe("closed");
    expect(answerStatus("unsolved")).toBe("open");
  });

  it("auto-closes exactly what may no longer be answered", () => {
    const now = T + 10 * DAY;
    expect(autoCloseBefore(now)).toBe(now - TICKET_ANSWER_WINDOW_MS);
    // The cron closes resolved_at < autoCloseBefore(now): the very tickets mayAnswer refuses.
    for (const resolvedAt of [now - 7 * DAY - 1, now - 7 * DAY, now - DAY]) {
      expect(resolvedAt < autoCloseBefore(now)).toBe(!mayAnswer({ status: "resolved", resolvedAt }, now));
    }
  });

  it("takes solved or unsolved with an optional reason of at most 500 characters", () => {
    expect(v.safeParse(TicketAnswerBody, { answer: "solved" }).output).toEqual({ answer: "solved", reason: "" });
    expect(v.safeParse(TicketAnswerBody, { answer: "unsolved", reason: "  退款还没到  " }).output).toEqual({ answer: "unsolved", reason: "退款还没到" });
    expect(v.safeParse(TicketAnswerBody, { answer: "unsolved", reason: "退".repeat(500) }).success).toBe(true);
    const long = v.safeParse(TicketAnswerBody, { answer: "unsolved", reason: "退".repeat(501) });
    expect(long.issues?.map((i) => [v.getDotPath(i), i.message])).toEqual([["reason", "must be at most 500 characters"]]);
    expect(v.safeParse(TicketAnswerBody, { answer: "maybe" }).issues?.[0]?.message).toBe("must be solved or unsolved");
    expect(v.safeParse(TicketAnswerBody, {}).success).toBe(false);
  });
});
