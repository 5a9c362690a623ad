/**
 * The e-mail door: a shopper's mail to `<shop>@EMAIL_DOMAIN` lands in their thread with that
 * shop, and the answers they have not read go back in one mail. The mail handler is the Worker's
 * own (`worker.email`); the incoming message is built here, since only Email Routing makes one.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { database } from "../../worker/db/client";
import { signDelivery } from "../../worker/services/mall/signature";
import { listThreadSessions } from "../../worker/db/repos/sessions";
import { handleIncomingMail, type MailOutcome } from "../../worker/services/email/inbound";
import { PROACTIVE_SENDER } from "../../worker/services/proactive/deliver";
import type { ChatMessage } from "../../core/protocol";
import { oneEvent, postDelivery } from "../helpers/mall";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, roomSettled, type SocketClient } from "../helpers/socket";

const DOMAIN = env.EMAIL_DOMAIN;
const PASSED = "mx.cloudflare.net; dkim=pass header.d=shopper.test; spf=pass smtp.mailfrom=shopper.test; dmarc=pass header.from=shopper.test";

/** An incoming message as Email Routing hands it to the Worker. */
function incoming(raw: string, envelope: { from: string; to: string }) {
  const bytes = new TextEncoder().encode(raw.replace(/\r?\n/g, "\r\n"));
  const rejected: string[] = [];
  const message = {
    from: envelope.from,
    to: envelope.to,
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    headers: new Headers(),
    setReject: (reason: string) => void rejected.push(reason),
    forward: () => Promise.reject(new Error("not forwarded in tests")),
    reply: () => Promise.reject(new Error("not replied in tests")),
  } as unknown as ForwardableEmailMessage;
  return { message, rejected };
}

interface MailParts {
  from: string;
  to?: string;
  subject?: string;
  body?: string;
  messageId?: string;
  auth?: string | null;
  extraHeaders?: string[];
}

function rawMail(p: MailParts): string {
  return [
    ...(p.auth === null ? [] : [`Authentication-Results: ${p.auth ?? PASSED}`]),
    `From: "Alice" <${p.from}>`,
    `To: ${p.to ?? `apparel@${DOMAIN}`}`,
    `Subject: ${p.subject ?? "发货时间"}`,
    `Message-ID: ${p.messageId ?? `<${crypto.randomUUID()}@shopper.test>`}`,
    "Date: Tue, 24 Nov 2026 09:00:00 +0800",
    ...(p.extraHeaders ?? []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    p.body ?? "我的订单什么时候发货？",
    "",
  ].join("\n");
}

async function deliver(p: MailParts): Promise<{ outcome: MailOutcome; rejected: string[] }> {
  const { message, rejected } = incoming(rawMail(p), { from: p.from, to: p.to ?? `apparel@${DOMAIN}` });
  const outcome = await handleIncomingMail(message, env);
  return { outcome, rejected };
}

async function history(threadId: string, audience: "customer" | "agent" = "agent"): Promise<ChatMessage[]> {
  const room = await getServerByName(env.ConversationRoom, threadId);
  return (await room.history(null, 100, audience)).messages;
}

/** A customer the mall pushed with their e-mail address (mixed case, as people type it). */
async function mallCustomer(): Promise<{ id: string; email: string }> {
  const id = uniqueCustomer("em");
  const answer = await postDelivery(oneEvent("customer.upserted", { id, name: "邮件顾客", level: "gold", email: `${id}@Shopper.TEST`, updatedAt: Date.now() }));
  expect(answer.results).toEqual([{ topic: "customer.upserted", outcome: "applied" }]);
  return { id, email: `${id}@shopper.test` };
}

interface SentMail {
  from: { email: string; name: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * Records what the room hands its EMAIL binding, then passes it on to the real (local) binding,
 * or fails as a mail server would when `fail` is given.
 */
async function recordMail(threadId: string, fail?: string, slowMs = 0): Promise<SentMail[]> {
  const sent: SentMail[] = [];
  const stub = await getServerByName(env.ConversationRoom, threadId);
  await runInDurableObject(stub, (room) => {
    const real = room.bindings.EMAIL;
    const send = async (m: SentMail) => {
      sent.push(m);
      if (slowMs) await scheduler.wait(slowMs); // a mail server taking its time
      if (fail) throw new Error(fail);
      return real.send(m as never);
    };
    const bindings = { ...room.bindings, EMAIL: { send } };
    Object.defineProperty(room, "bindings", { value: bindings, configurable: true });
  });
  return sent;
}

/** The agent posts a message (an answer, or a note) and waits until it is stored. */
async function answer(agent: SocketClient, text: string, kind: "text" | "note" = "text"): Promise<void> {
  agent.send({ type: "message.send", clientId: cid(), kind, text });
  await agent.next("message.acked");
}

/** Lets the reply delay pass and fires the room's alarm. */
async function replyDelayPasses(threadId: string): Promise<void> {
  const stub = await getServerByName(env.ConversationRoom, threadId);
  await runInDurableObject(stub, (room) => {
    if (room.store.getMeta("email_due_at") !== null) room.store.setMeta("email_due_at", String(Date.now() - 1));
  });
  await runDurableObjectAlarm(stub);
  // The alarm workerd fired itself, if it came first, may still be sending.
  await runInDurableObject(stub, (room) => room.mailOut);
}

/**
 * A mall customer who wrote to apparel by mail (settled: the bot's turn done), the thread's
 * mail recorded (or failing with `fail`), and the shop's agent in the thread.
 */
async function mailedThread(o: { messageId?: string; fail?: string; slowMs?: number } = {}) {
  const c = await mallCustomer();
  const threadId = `apparel:${c.id}`;
  await deliver({ from: c.email, ...(o.messageId ? { messageId: o.messageId } : {}) });
  await roomSettled(threadId);
  const sent = await recordMail(threadId, o.fail, o.slowMs);
  const agent = await connect(threadId, agentToken);
  await agent.next("room.joined");
  return { c, threadId, sent, agent };
}

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

describe("e-mail door: the mall's addresses", () => {
  it("stores the address lowercased, refuses one that is not an address naming the field, and clears it with null", async () => {
    const c = await mallCustomer();
    const stored = async () => (await database(env.DB).query.customers.findFirst({ where: (t, { eq }) => eq(t.id, c.id) }))?.email;
    expect(await stored()).toBe(c.email);
    const body = oneEvent("customer.upserted", { id: c.id, name: "邮件顾客", level: "gold", email: "not-an-address", updatedAt: Date.now() + 1 });
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await api("/api/mall/webhooks", { method: "POST", headers: { "content-type": "application/json", "x-kefu-timestamp": ts, "x-kefu-signature": await signDelivery(env.MALL_WEBHOOK_SECRET!, ts, body) }, body });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("data.email");
    expect(await stored()).toBe(c.email);
    await postDelivery(oneEvent("customer.upserted", { id: c.id, name: "邮件顾客", level: "gold", email: null, updatedAt: Date.now() + 2 }));
    expect(await stored()).toBeNull();
  });
});

describe("e-mail door: mail in", () => {
  it("tells shoppers each shop's mailbox", async () => {
    const res = await api("/api/shops/apparel");
    expect(((await res.json()) as { shop: { serviceEmail: string } }).shop.serviceEmail).toBe(`apparel@${DOMAIN}`);
  });

  it("puts a mall customer's authenticated mail into their thread with the shop, without the quoted history", async () => {
    const c = await mallCustomer();
    const { outcome, rejected } = await deliver({
      from: c.email.toUpperCase(),
      body: "我的订单什么时候发货？\n\n在 2026年11月23日 10:00，织锦服饰 写道：\n> 您好，请问有什么可以帮您？\n",
    });
    expect(rejected).toEqual([]);
    expect(outcome).toMatchObject({ status: "posted", threadId: `apparel:${c.id}`, linked: true });
    await roomSettled(`apparel:${c.id}`);
    const mine = (await history(`apparel:${c.id}`)).filter((m) => m.sender.role === "customer");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "text", channel: "email", body: { text: "我的订单什么时候发货？" }, sender: { id: c.id, name: "邮件顾客" } });
    const [session] = await listThreadSessions(database(env.DB), "apparel", `apparel:${c.id}`);
    expect(session).toMatchObject({ customerId: c.id, channel: "email" });

    // The agent sees where answers go; the shopper's own sockets are not told.
    const agent = await connect(`apparel:${c.id}`, agentToken);
    const joined = await agent.next("room.joined");
    expect(joined.email).toEqual({ address: c.email, subject: "发货时间" });
    const shopper = await connect(`apparel:${c.id}`, await shopperToken(c.id, "邮件顾客"));
    expect((await shopper.next("room.joined")).email).toBeUndefined();
    [agent, shopper].forEach((s) => s.close());
  });

  it("gives an unauthenticated mail from a customer's address a thread of the address's own, not the customer's", async () => {
    const c = await mallCustomer();
    const { outcome } = await deliver({ from: c.email, auth: "mx.cloudflare.net; spf=fail smtp.mailfrom=shopper.test; dmarc=fail header.from=shopper.test" });
    expect(outcome).toMatchObject({ status: "posted", linked: false });
    const threadId = (outcome as { threadId: string }).threadId;
    expect(threadId).toMatch(/^apparel:m_[0-9a-f]{24}$/);
    expect(await history(`apparel:${c.id}`)).toEqual([]);
    expect((await history(threadId)).find((m) => m.sender.role === "customer")?.sender.name).toBe("Alice");
    // The same address writes to the same thread again.
    const again = await deliver({ from: c.email, auth: null, body: "还在吗" });
    expect(again.outcome).toMatchObject({ threadId });
  });

  it("posts a mail delivered twice once", async () => {
    const c = await mallCustomer();
    const messageId = `<${crypto.randomUUID()}@shopper.test>`;
    const first = await deliver({ from: c.email, messageId });
    const second = await deliver({ from: c.email, messageId });
    expect(second.outcome).toMatchObject({ status: "posted", seqs: (first.outcome as { seqs: number[] }).seqs });
    await roomSettled(`apparel:${c.id}`);
    expect((await history(`apparel:${c.id}`)).filter((m) => m.sender.role === "customer")).toHaveLength(1);
  });

  it("refuses mail for a mailbox it does not have, and stores nothing", async () => {
    const from = "someone@shopper.test";
    for (const to of [`no-such-shop@${DOMAIN}`, "apparel@elsewhere.example", `bad_local@${DOMAIN}`]) {
      const { outcome, rejected } = await deliver({ from, to });
      expect(outcome).toEqual({ status: "rejected", reason: "no such mailbox" });
      expect(rejected).toEqual(["no such mailbox"]);
    }
  });

  it("turns away more than 20 mails a minute from one sender, storing nothing of them", async () => {
    const from = `flood-${crypto.randomUUID().slice(0, 8)}@shopper.test`;
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await deliver({ from, auth: null, body: `第 ${i} 封` }));
    expect(outcomes.slice(0, 20).every((o) => o.outcome.status === "posted")).toBe(true);
    expect(outcomes[20]!.outcome).toEqual({ status: "rejected", reason: `too many mails from ${from}; try again in a minute` });
    expect(outcomes[20]!.rejected).toHaveLength(1);
    const threadId = (outcomes[0]!.outcome as { threadId: string }).threadId;
    await roomSettled(threadId);
    const texts = (await history(threadId)).filter((m) => m.sender.role === "customer").map((m) => m.body.text);
    expect(texts).toHaveLength(20);
    expect(texts).not.toContain("第 20 封");
  });

  it("refuses a mail over the size limit before reading it", async () => {
    const { message, rejected } = incoming(rawMail({ from: "big@shopper.test" }), { from: "big@shopper.test", to: `apparel@${DOMAIN}` });
    Object.defineProperty(message, "rawSize", { value: 11 * 1024 * 1024 });
    await worker.email(message, env);
    expect(rejected).toEqual(["message too large (at most 10 MB)"]);
  });

  it("drops automatic mail (out-of-office answers, bounces) without a thread", async () => {
    const c = await mallCustomer();
    const ooo = await deliver({ from: c.email, extraHeaders: ["Auto-Submitted: auto-replied"], body: "I am out of the office" });
    expect(ooo.outcome).toEqual({ status: "ignored", reason: "auto-submitted: auto-replied" });
    const bounce = await deliver({ from: `MAILER-DAEMON@shopper.test`, body: "Delivery failed" });
    expect(bounce.outcome).toMatchObject({ status: "ignored" });
    expect(ooo.rejected.concat(bounce.rejected)).toEqual([]);
    expect(await history(`apparel:${c.id}`)).toEqual([]);
  });

  it("brings a mail's images in as image messages, leaves tracking pixels out and names the other attachments", async () => {
    const c = await mallCustomer();
    // A photo (the upload checks read its signature) and a 1×1 tracking pixel.
    const photo = new Uint8Array(3000);
    photo.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const png = btoa(String.fromCharCode(...photo)).replace(/.{76}/g, "$&\n");
    const pixel = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";
    const boundary = "b1";
    const raw = [
      `Authentication-Results: ${PASSED}`,
      `From: <${c.email}>`,
      `To: apparel@${DOMAIN}`,
      "Subject: 破损",
      `Message-ID: <${crypto.randomUUID()}@shopper.test>`,
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "收到的衣服有破洞，照片见附件",
      `--${boundary}`,
      'Content-Type: image/png; name="hole.png"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="hole.png"',
      "",
      png,
      `--${boundary}`,
      'Content-Type: image/gif; name="t.gif"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: inline; filename="t.gif"',
      "",
      pixel,
      `--${boundary}`,
      'Content-Type: application/pdf; name="receipt.pdf"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="receipt.pdf"',
      "",
      "JVBERi0xLjQK",
      `--${boundary}--`,
      "",
    ].join("\n");
    // Delivered twice: posted once, the image stored once.
    for (let i = 0; i < 2; i++) {
      const { message } = incoming(raw, { from: c.email, to: `apparel@${DOMAIN}` });
      expect(await handleIncomingMail(message, env)).toMatchObject({ status: "posted" });
    }
    await roomSettled(`apparel:${c.id}`);
    const mine = (await history(`apparel:${c.id}`)).filter((m) => m.sender.role === "customer");
    expect(mine.map((m) => m.kind)).toEqual(["text", "image"]);
    expect(mine[0]!.body.text).toBe("收到的衣服有破洞，照片见附件\n[未显示的附件: receipt.pdf]");
    const key = mine[1]!.body.attachment!.key;
    expect(key.startsWith(`threads/apparel/${c.id}/`)).toBe(true);
    const stored = await env.FILES.get(key);
    expect(stored?.httpMetadata?.contentType).toBe("image/png");
    expect(stored?.size).toBe(3000);
    expect((await env.FILES.list({ prefix: `threads/apparel/${c.id}/` })).objects).toHaveLength(1);
  });
});

describe("e-mail door: answers out", () => {
  it("mails the answers the shopper has not read in one mail, threaded under theirs, and notes it for staff", async () => {
    const messageId = `<${crypto.randomUUID()}@shopper.test>`;
    const { c, threadId, sent, agent } = await mailedThread({ messageId });
    for (const text of ["您好，订单今天下午发出", "单号稍后可在订单页查看"]) {
      await answer(agent, text);
    }
    await answer(agent, "内部备注：仓库已确认", "note");
    await replyDelayPasses(threadId);

    expect(sent).toHaveLength(1);
    const mail = sent[0]!;
    expect(mail).toMatchObject({ to: c.email, from: { email: `apparel@${DOMAIN}`, name: "织锦服饰" }, subject: "Re: 发货时间" });
    expect(mail.headers).toMatchObject({ "In-Reply-To": messageId, References: messageId, "Auto-Submitted": "auto-replied" });
    expect(mail.text).toContain("您好，订单今天下午发出\n单号稍后可在订单页查看");
    expect(mail.text).not.toContain("内部备注");
    expect(mail.html).toContain("服饰客服小美");
    const note = await agent.next("message.created", (e) => e.message.body.notice?.code === "email.sent");
    expect(note.message).toMatchObject({ visibility: "staff", body: { notice: { params: { to: c.email, count: "2" } } } });
    expect((await history(threadId, "customer")).some((m) => m.body.notice?.code === "email.sent")).toBe(false);

    // Nothing new: the next alarm mails nothing.
    await replyDelayPasses(threadId);
    expect(sent).toHaveLength(1);
    agent.close();
  });

  it("mails only what the shopper has not read in the app", async () => {
    const { c, threadId, sent, agent } = await mailedThread();
    const shopper = await connect(threadId, await shopperToken(c.id, "邮件顾客"));
    await shopper.next("room.joined");
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "已为您加急" });
    const { message } = await shopper.next("message.created", (e) => e.message.sender.role === "agent");
    shopper.send({ type: "read.mark", seq: message.seq });
    await agent.next("read.updated", (e) => e.side === "customer" && e.seq === message.seq);
    // The shopper closed the app before the next answer.
    shopper.close();
    await answer(agent, "预计明天送达");
    await replyDelayPasses(threadId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("预计明天送达");
    expect(sent[0]!.text).not.toContain("已为您加急");
    agent.close();
  });

  it("mails an answer posted while the previous mail was being sent in the next one", async () => {
    const { threadId, sent, agent } = await mailedThread({ slowMs: 300 });
    await answer(agent, "第一条回复");
    const firstMail = replyDelayPasses(threadId);
    await expect.poll(() => sent.length).toBe(1);
    await answer(agent, "第二条回复");
    await firstMail;
    expect(sent[0]!.text).toContain("第一条回复");
    expect(sent[0]!.text).not.toContain("第二条回复");
    await replyDelayPasses(threadId);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain("第二条回复");
    expect(sent[1]!.text).not.toContain("第一条回复");
    agent.close();
  });

  it("mails the parcel's news that proactive service posts into a mailed thread", async () => {
    const { threadId, sent, agent } = await mailedThread();
    const room = await getServerByName(env.ConversationRoom, threadId);
    // As worker/services/proactive/deliver.ts posts it, once its caps and quiet hours allow.
    await room.post({ clientId: `sn_${crypto.randomUUID().replace(/-/g, "")}`, sender: { ...PROACTIVE_SENDER }, kind: "system", body: { notice: { code: "shipment.collected", params: { orderId: "o-9", carrier: "顺丰", trackingNo: "SF9", description: "快件已揽收" } } }, channel: "api", entry: null });
    await replyDelayPasses(threadId);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("织锦服饰:\n物流通知：您的订单 o-9 已发货，顺丰 运单号 SF9。快件已揽收");
    agent.close();
  });

  it("retries a failed send, then tells the thread's staff", async () => {
    const { c, threadId, sent, agent } = await mailedThread({ fail: "550 mailbox unavailable" });
    await answer(agent, "请问还需要什么帮助？");
    for (let i = 0; i < 4; i++) await replyDelayPasses(threadId);
    expect(sent).toHaveLength(4);
    const note = await agent.next("message.created", (e) => e.message.body.notice?.code === "email.failed");
    expect(note.message).toMatchObject({ visibility: "staff", body: { notice: { params: { to: c.email, error: "550 mailbox unavailable" } } } });
    // Given up: no further tries.
    await replyDelayPasses(threadId);
    expect(sent).toHaveLength(4);
    agent.close();
  });

  it("mails nothing from a thread that never had mail", async () => {
    const customer = uniqueCustomer();
    const threadId = `apparel:${customer}`;
    const sent = await recordMail(threadId);
    const shopper = await connect(threadId, await shopperToken(customer));
    await shopper.next("room.joined");
    const agent = await connect(threadId, agentToken);
    await agent.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "在吗" });
    await agent.next("message.created", (e) => e.message.sender.role === "customer");
    await answer(agent, "在的");
    const due = await runInDurableObject(await getServerByName(env.ConversationRoom, threadId), (room) => room.store.getMeta("email_due_at"));
    expect(due).toBeNull();
    expect(sent).toEqual([]);
    [agent, shopper].forEach((s) => s.close());
  });
});
