import { describe, expect, it } from "vitest";
import { composeReplyMail } from "../../core/domain/email";
import {
  invitationExpiresAt, invitationRefusal, invitesOnClose, ratingRefusal, ratingStars, ratingWords, RATING_WINDOW_MS, servedByPerson, withInvitation, withRating,
} from "../../core/domain/rating";
import { openSession, recordMessage, requeueSession, resolveSession, type SessionState } from "../../core/domain/session";
import { SessionRate, parseClientCommand, parseInput, type ChatMessage } from "../../core/protocol";

const T = 1_700_000_000_000;

function botOnly(): SessionState {
  return resolveSession(recordMessage(recordMessage(openSession("s1", "app", null, T), "customer", "c1", T + 1).session, "bot", "bot", T + 2).session, "st1", "resolved", T + 10);
}
function personServed(): SessionState {
  const s = recordMessage(recordMessage(openSession("s1", "app", null, T), "customer", "c1", T + 1).session, "agent", "st1", T + 2, "小美").session;
  return resolveSession(s, "st1", "resolved", T + 10);
}

describe("satisfaction ratings: the rules", () => {
  it("invites on close only sessions a person served, once", () => {
    expect(invitesOnClose(botOnly())).toBe(false);
    expect(invitesOnClose(personServed())).toBe(true);
    // A person wrote, then the session went back to the queue: still served by a person.
    const requeued = requeueSession(recordMessage(openSession("s1", "app", null, T), "agent", "st1", T + 2).session, null);
    expect(requeued.agentId).toBeNull();
    expect(servedByPerson(requeued)).toBe(true);
    expect(invitesOnClose(withInvitation(personServed(), T + 20))).toBe(false);
    // Sessions stored before ratings have no invitation field at all.
    const { ratingInvitedAt: _i, ratingComment: _c, ...old } = personServed();
    expect(invitesOnClose(old)).toBe(true);
  });

  it("lets staff invite the latest session a person served, once", () => {
    expect(invitationRefusal(null, "s1")?.code).toBe("invalid_input");
    expect(invitationRefusal(personServed(), "s0")?.details).toEqual([{ field: "sessionId", message: "not the thread's latest session" }]);
    expect(invitationRefusal(botOnly(), "s1")?.code).toBe("conflict");
    expect(invitationRefusal(personServed(), "s1")).toBeNull();
    expect(invitationRefusal(withInvitation(personServed(), T + 20), "s1")?.message).toMatch(/already invited/);
  });

  it("accepts a rating of the latest invited session once, within 24 hours", () => {
    const invited = withInvitation(personServed(), T + 20);
    expect(invitationExpiresAt(invited)).toBe(T + 20 + RATING_WINDOW_MS);
    expect(ratingRefusal(invited, "s1", T + 30)).toBeNull();
    expect(ratingRefusal(invited, "s1", T + 20 + RATING_WINDOW_MS)).toBeNull();
    expect(ratingRefusal(invited, "s1", T + 21 + RATING_WINDOW_MS)?.message).toMatch(/expired/);
    expect(ratingRefusal(personServed(), "s1", T + 30)?.message).toMatch(/not offered/);
    expect(ratingRefusal(invited, "s-other", T + 30)?.details).toEqual([{ field: "sessionId", message: "not the thread's latest session" }]);
    const rated = withRating(invited, 4, "  很耐心  ", T + 40);
    expect(rated).toMatchObject({ rating: 4, ratedAt: T + 40, ratingComment: "很耐心" });
    expect(withRating(invited, 5, "   ", T + 40).ratingComment).toBeNull();
    expect(ratingRefusal(rated, "s1", T + 50)?.message).toMatch(/already rated/);
  });

  it("has words and stars for every score", () => {
    expect([1, 2, 3, 4, 5].map((n) => ratingWords(n, "zh"))).toEqual(["非常不满意", "不满意", "一般", "满意", "非常满意"]);
    expect(ratingWords(4, "en")).toBe("Satisfied");
    expect(ratingWords(0, "zh")).toBe("");
    expect(ratingStars(4)).toBe("★★★★☆");
    expect(ratingStars(1)).toBe("★☆☆☆☆");
  });
});

describe("satisfaction ratings: the frames", () => {
  const rate = (extra: Record<string, unknown>) => parseClientCommand({ type: "session.rate", sessionId: "ss_1", score: 4, ...extra });
  it("accepts whole scores 1-5 and a comment up to 200 characters", () => {
    expect(rate({}).ok).toBe(true);
    expect(rate({ score: 1, comment: "好".repeat(200) }).ok).toBe(true);
    const trimmed = parseInput(SessionRate, { type: "session.rate", sessionId: "ss_1", score: 5, comment: "  谢谢  " });
    expect(trimmed.ok && trimmed.value.comment).toBe("谢谢");
  });

  it("names the field of a bad score or comment", () => {
    for (const score of [0, 6, 2.5, "4", null]) {
      const r = rate({ score });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.field).toBe("score");
    }
    const long = rate({ comment: "好".repeat(201) });
    expect(!long.ok && long.issues[0]).toEqual({ field: "comment", message: "must be at most 200 characters" });
    const noSession = parseClientCommand({ type: "session.rate", score: 4 });
    expect(!noSession.ok && noSession.issues[0]?.field).toBe("sessionId");
    const invite = parseClientCommand({ type: "session.invite_rating" });
    expect(!invite.ok && invite.issues[0]?.field).toBe("sessionId");
  });
});

describe("satisfaction ratings in an answer mail", () => {
  const base = { threadId: "apparel:c1", sessionId: "s1", channel: "email", entry: null, visibility: "all", createdAt: T } as const;
  const system = { role: "system", id: "system", name: "system" } as const;
  const invitation: ChatMessage = { ...base, seq: 3, clientId: "sys_1", sender: system, kind: "system", body: { notice: { code: "rating.invited" }, rating: { sessionId: "s1", expiresAt: T + RATING_WINDOW_MS } } };
  const rated: ChatMessage = { ...base, seq: 4, clientId: "sys_2", sender: system, kind: "system", body: { notice: { code: "rating.rated", params: { score: "4" } }, rating: { sessionId: "s1", score: 4 } } };
  const answer: ChatMessage = { ...base, seq: 2, clientId: "a_1", sender: { role: "agent", id: "st1", name: "小美" }, kind: "text", body: { text: "已为您补发" } };

  it("leaves the invitation and the rating out: a mail has no stars to tap", () => {
    expect(composeReplyMail([invitation, rated], "zh-CN", "织锦服饰")).toBeNull();
    const mail = composeReplyMail([answer, invitation, rated], "zh-CN", "织锦服饰")!;
    expect(mail.count).toBe(1);
    expect(mail.text).toContain("已为您补发");
    expect(mail.text).not.toMatch(/rating|评价|undefined/);
    expect(mail.html).not.toMatch(/rating|undefined/);
  });
});
