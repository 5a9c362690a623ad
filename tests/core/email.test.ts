import { describe, expect, it } from "vitest";
import { composeReplyMail, newTextOf, normalizeAddress, replySubject, senderAuthenticated, shopOfServiceAddress, textOfHtml } from "../../core/domain/email";
import type { ChatMessage } from "../../core/protocol";

describe("service addresses", () => {
  it("finds the shop a mail is for, ignoring case and a +tag", () => {
    expect(shopOfServiceAddress("Apparel@Kefu.Example", "kefu.example")).toBe("apparel");
    expect(shopOfServiceAddress("apparel+returns@kefu.example", "kefu.example")).toBe("apparel");
    expect(shopOfServiceAddress("apparel@other.example", "kefu.example")).toBeNull();
    expect(shopOfServiceAddress("Bad_Shop@kefu.example", "kefu.example")).toBeNull();
    expect(shopOfServiceAddress("not an address", "kefu.example")).toBeNull();
  });

  it("normalises addresses and refuses what is not one", () => {
    expect(normalizeAddress("  Alice@Example.COM ")).toBe("alice@example.com");
    expect(normalizeAddress("alice@localhost")).toBeNull();
    expect(normalizeAddress("a b@example.com")).toBeNull();
  });
});

describe("sender authentication (Authentication-Results)", () => {
  const from = "alice@shop.example.com";
  it("passes on DMARC pass, or DKIM / SPF pass for the From domain or its organisation", () => {
    expect(senderAuthenticated(["mx.cloudflare.net; dmarc=pass (p=reject) header.from=shop.example.com"], from)).toBe(true);
    expect(senderAuthenticated(["mx.cloudflare.net; dkim=pass header.d=example.com header.s=s1"], from)).toBe(true);
    expect(senderAuthenticated(["mx.cloudflare.net; spf=pass smtp.mailfrom=bounce@shop.example.com"], from)).toBe(true);
  });

  it("fails on failures, other domains, bare suffixes and a missing header", () => {
    expect(senderAuthenticated([], from)).toBe(false);
    expect(senderAuthenticated(["mx.cloudflare.net; dkim=fail header.d=example.com; spf=softfail smtp.mailfrom=example.com; dmarc=fail header.from=example.com"], from)).toBe(false);
    expect(senderAuthenticated(["mx.cloudflare.net; dkim=pass header.d=attacker.example"], from)).toBe(false);
    expect(senderAuthenticated(["mx.cloudflare.net; dkim=pass header.d=com"], from)).toBe(false);
    expect(senderAuthenticated(["mx.cloudflare.net; dmarc=pass header.from=attacker.example"], from)).toBe(false);
    // A result written inside a comment is no result.
    expect(senderAuthenticated(["mx.cloudflare.net; spf=none (dmarc=pass header.from=shop.example.com)"], from)).toBe(false);
  });
});

describe("what a shopper newly wrote", () => {
  it("cuts the quoted history of English and Chinese mail clients, and the signature", () => {
    expect(newTextOf("Where is my parcel?\n\nOn Mon, 23 Nov 2026 at 10:00, Shop <a@b.c> wrote:\n> Hello")).toBe("Where is my parcel?");
    expect(newTextOf("还没收到\r\n\r\n在 2026年11月23日 10:00，织锦服饰 写道：\r\n> 您好")).toBe("还没收到");
    expect(newTextOf("好的\n\n------------------ 原始邮件 ------------------\n发件人: 织锦服饰")).toBe("好的");
    expect(newTextOf("Thanks\n-- \nAlice\nSent from my phone")).toBe("Thanks");
    expect(newTextOf("> quoted only\n")).toBe("");
  });

  it("marks a subject as a reply once", () => {
    expect(replySubject("发货时间", "x")).toBe("Re: 发货时间");
    expect(replySubject("Re: 发货时间", "x")).toBe("Re: 发货时间");
    expect(replySubject("回复：发货时间", "x")).toBe("回复：发货时间");
    expect(replySubject("  ", "织锦服饰 客服回复")).toBe("织锦服饰 客服回复");
  });
});

function msg(seq: number, over: Partial<ChatMessage>): ChatMessage {
  return { seq, clientId: `c${seq}`, threadId: "apparel:c1", sessionId: "s", sender: { role: "agent", id: "a", name: "小美" }, kind: "text", body: {}, channel: "email", entry: null, visibility: "all", createdAt: seq, ...over };
}

describe("the answer mail", () => {
  it("carries the agent's and the bot's answers under one heading per run, and leaves notes, notices and the shopper's words out", () => {
    const mail = composeReplyMail([
      msg(1, { sender: { role: "customer", id: "c1", name: "Alice" }, body: { text: "在吗" } }),
      msg(2, { sender: { role: "bot", id: "bot", name: "" }, body: { text: "", article: { id: "k1", question: "多久发货？", html: "<p>付款后 <strong>48 小时</strong>内发货</p>" } } }),
      msg(3, { sender: { role: "system", id: "system", name: "system" }, kind: "system", body: { notice: { code: "agent.assigned", params: { name: "小美" } } } }),
      msg(4, { body: { text: "您好" } }),
      msg(5, { body: { text: "今天发出" } }),
      msg(6, { kind: "note", visibility: "staff", body: { text: "内部" } }),
      msg(7, { sender: { role: "system", id: "system", name: "system" }, kind: "system", body: { notice: { code: "session.transferred" } } }),
      msg(8, { kind: "image", body: { attachment: { key: "threads/apparel/c1/f.png", mime: "image/png", size: 1 } } }),
    ], "zh-CN", "织锦服饰");
    expect(mail).not.toBeNull();
    expect(mail!.count).toBe(5);
    expect(mail!.text).toBe(
      "智能客服:\n【多久发货？】\n付款后 48 小时内发货\n\n织锦服饰:\n客服 小美 已接入\n\n小美:\n您好\n今天发出\n[图片] 请在商城 App 或网页的客服对话中查看\n\n直接回复此邮件即可继续咨询。\n— 织锦服饰 客服\n",
    );
    expect(mail!.html).not.toContain("内部");
  });

  it("turns buttons into what to reply, and escapes HTML", () => {
    const mail = composeReplyMail([
      msg(1, { sender: { role: "bot", id: "bot", name: "" }, body: { notice: { code: "bot.suggest" }, quickReplies: [{ label: "退货", text: "怎么退货" }] } }),
      msg(2, { body: { text: "<script>x</script>" } }),
    ], "en-US", "Zhijin");
    expect(mail!.text).toContain("Assistant:\nDid you mean:\n· 怎么退货");
    expect(mail!.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(mail!.html).not.toContain("<script>");
  });

  it("carries the parcel notices proactive service posts, in the shopper's language", () => {
    const shipped = msg(1, { sender: { role: "system", id: "proactive", name: "system" }, kind: "system", body: { notice: { code: "shipment.delivered", params: { orderId: "o-1", carrier: "顺丰", trackingNo: "SF1", description: "已签收" } } } });
    expect(composeReplyMail([shipped], "zh-CN", "织锦服饰")!.text).toContain("织锦服饰:\n物流通知：您的订单 o-1 已签收（顺丰 SF1）。已签收");
    expect(composeReplyMail([shipped], "en-US", "Zhijin")!.text).toContain("Zhijin:\nShipping update: order o-1 has been delivered (顺丰 SF1). 已签收");
  });

  it("is null when nothing in the run can go by mail", () => {
    expect(composeReplyMail([msg(1, { kind: "note", visibility: "staff", body: { text: "x" } })], "zh-CN", "s")).toBeNull();
  });

  it("reads an article's HTML as text", () => {
    expect(textOfHtml("<ul><li>一</li><li>二 &amp; 三</li></ul>")).toBe("· 一\n· 二 & 三");
  });
});
