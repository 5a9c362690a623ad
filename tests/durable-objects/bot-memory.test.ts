/**
 * What the bot remembers between turns to spare D1: recent search results for repeated questions
 * (worker/services/knowledge/answer-cache.ts) and how often it showed each article
 * (durable-objects/conversation/shown-counts.ts). Neither may show a shopper an answer an admin has
 * already changed, nor lose or double a count.
 */
import { env } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { SHOWN_FLUSH_MS } from "../../durable-objects/conversation/shown-counts";
import { database } from "../../worker/db/client";
import { knowledgeArticles } from "../../worker/db/schema";
import { createArticle, setArticleStatus, updateArticle } from "../../worker/services/knowledge/articles";
import { seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, type SocketClient } from "../helpers/socket";
import { brokenD1, setRoomD1 } from "../helpers/broken-d1";

const author = () => ({ by: "st-a0", now: Date.now() });
const article = (question: string, answer: string) => ({ kind: "faq" as const, question, altQuestions: [], answer, tags: [], category: null, productId: null, status: "published" as const, validFrom: null, validTo: null });

beforeAll(() => seedFixture());

/** A shopper's socket in their thread with the apparel shop. */
async function shopperIn(customer: string): Promise<SocketClient> {
  const s = await connect(`apparel:${customer}`, await shopperToken(customer, "测试"));
  await s.next("room.joined");
  return s;
}

/** Asks and returns the bot's reply. */
async function ask(s: SocketClient, text: string) {
  s.send({ type: "message.send", clientId: cid(), kind: "text", text });
  const { message } = await s.next("message.created", (e) => e.message.sender.role === "bot" && !e.message.body.notice?.code.startsWith("bot.greeting"));
  return message;
}

const shownCount = async (id: string) => (await database(env.DB).select({ n: knowledgeArticles.shownCount }).from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).get())!.n;

describe("the bot's remembered answers", () => {
  // First in the file: the platform's articles, created below, give every shop knowledge.
  it("takes a shop's chats as soon as its first article is published, though it just had none", async () => {
    const first = uniqueCustomer();
    const shopper = await connect(`electronics:${first}`, await shopperToken(first, "测试"));
    await shopper.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "耳机可以无线充电吗" });
    // No knowledge: straight to a person, without a bot turn.
    expect((await shopper.next("session.changed", (e) => e.session.groupKey !== null)).session.status).toBe("queued");
    expect(shopper.all("message.created").filter((e) => e.message.sender.role === "bot")).toEqual([]);

    const a = await createArticle(env, "electronics", article("耳机可以无线充电吗", "支持 Qi 无线充电。"), author());
    const second = uniqueCustomer();
    const next = await connect(`electronics:${second}`, await shopperToken(second, "测试"));
    await next.next("room.joined");
    expect((await ask(next, "耳机可以无线充电吗")).body.article?.id).toBe(a.id);
  });

  it("shows an edited answer on the very next ask, though the same question was just answered", async () => {
    const a = await createArticle(env, "apparel", article("可以开增值税专用发票吗", "可以开，下单时选择「专票」。"), author());
    const first = await ask(await shopperIn(uniqueCustomer()), "可以开增值税专用发票吗");
    expect(first.body.article?.html).toContain("可以开");

    await updateArticle(env, "apparel", a.id, { answer: "暂不支持专票，只开普通发票。" }, author());
    const second = await ask(await shopperIn(uniqueCustomer()), "可以开增值税专用发票吗");
    expect(second.body.article?.html).toContain("暂不支持专票");
  });

  it("stops answering with an article as soon as it is unpublished", async () => {
    const a = await createArticle(env, "apparel", article("会员积分怎么兑换礼品", "在「我的-积分商城」兑换。"), author());
    expect((await ask(await shopperIn(uniqueCustomer()), "会员积分怎么兑换礼品")).body.article?.id).toBe(a.id);
    await setArticleStatus(env, "apparel", a.id, "draft", author());
    expect((await ask(await shopperIn(uniqueCustomer()), "会员积分怎么兑换礼品")).body.article?.id).toBeUndefined();
  });

  it("shows a changed platform rule to every shop's shoppers at once", async () => {
    const rule = await createArticle(env, "platform", { ...article("价保规则是什么", "价保期 7 天。"), kind: "platform_rule" }, author());
    expect((await ask(await shopperIn(uniqueCustomer()), "价保规则是什么")).body.article?.html).toContain("7 天");
    await updateArticle(env, "platform", rule.id, { answer: "价保期延长至 15 天。" }, author());
    expect((await ask(await shopperIn(uniqueCustomer()), "价保规则是什么")).body.article?.html).toContain("15 天");
  });
});

describe("the bot's shown counts", () => {
  /** Makes the pending counts due now and fires the room's alarm, as SHOWN_FLUSH_MS passing would. */
  async function flushNow(thread: string): Promise<void> {
    const stub = await getServerByName(env.ConversationRoom, thread);
    await runInDurableObject(stub, (room) => room.store.setMeta("shown_due_at", String(Date.now() - 1)));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
  }

  it("adds the room's showings to the article in D1 within SHOWN_FLUSH_MS, each counted once", async () => {
    const a = await createArticle(env, "apparel", article("羽绒服可以机洗吗", "建议手洗或干洗。"), author());
    const customer = uniqueCustomer();
    const shopper = await shopperIn(customer);
    const askedAt = Date.now();
    for (let i = 0; i < 3; i++) expect((await ask(shopper, "羽绒服可以机洗吗")).body.article?.id).toBe(a.id);
    // Not yet in D1: the room holds the counts and has armed its alarm to write them in time.
    expect(await shownCount(a.id)).toBe(0);
    const stub = await getServerByName(env.ConversationRoom, `apparel:${customer}`);
    const alarm = await runInDurableObject(stub, (_room, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(Date.now() + SHOWN_FLUSH_MS);
    expect(alarm!).toBeGreaterThanOrEqual(askedAt);

    // A restart before the write loses none: the answers are stored messages.
    await abortAllDurableObjects();
    await flushNow(`apparel:${customer}`);
    expect(await shownCount(a.id)).toBe(3);
    // A later alarm (the idle one) writes nothing twice.
    const restarted = await getServerByName(env.ConversationRoom, `apparel:${customer}`);
    await runInDurableObject(restarted, (_room, state) => state.storage.setAlarm(Date.now() + 60_000));
    await runDurableObjectAlarm(restarted);
    expect(await shownCount(a.id)).toBe(3);
  });

  it("keeps the counts when D1 fails and writes them once it is back", async () => {
    const a = await createArticle(env, "apparel", article("礼品卡可以转赠给朋友吗", "可以，在礼品卡页面点击转赠。"), author());
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopper = await shopperIn(customer);
    await ask(shopper, "礼品卡可以转赠给朋友吗");
    await ask(shopper, "礼品卡可以转赠给朋友吗");
    const stub = await getServerByName(env.ConversationRoom, thread);
    await setRoomD1(thread, brokenD1);
    await flushNow(thread);
    expect(await shownCount(a.id)).toBe(0);
    const retryAt = Number(await runInDurableObject(stub, (room) => room.store.getMeta("shown_due_at")));
    expect(retryAt).toBeGreaterThan(Date.now());

    await setRoomD1(thread, env.DB);
    await ask(shopper, "礼品卡可以转赠给朋友吗");
    await flushNow(thread);
    expect(await shownCount(a.id)).toBe(3);
  });
});
