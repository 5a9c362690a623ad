import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "../../worker/db/client";
import { orders, sessions, shipmentEvents, shops, unansweredQuestions } from "../../worker/db/schema";
import { createArticle } from "../../worker/services/knowledge/articles";
import { routingChanged } from "../../worker/services/routing-config";
import { agentTokens, ALWAYS_OPEN, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { oneEvent, orderData, postDelivery } from "../helpers/mall";
import { cid, connect, roomSettled, type SocketClient } from "../helpers/socket";
import { brokenD1, setRoomD1 } from "../helpers/broken-d1";
import { eq } from "drizzle-orm";

const DAY = 86_400_000;

beforeAll(async () => {
  await seedFixture();
  const author = { by: "st-a0", now: Date.now() };
  await createArticle(env, "apparel", { kind: "faq", question: "什么时候发货", altQuestions: ["多久能发货", "几天发货"], answer: "亲，付款后 **48 小时内** 发货哦～", tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null }, author);
  await createArticle(env, "platform", { kind: "platform_rule", question: "七天无理由退货怎么申请", altQuestions: ["怎么退货"], answer: "在订单详情页点击「申请售后」即可。", tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null }, author);
});

/** A customer of the apparel shop with the given orders (created `daysAgo` days ago, shipped). */
async function customerWithOrders(list: { id: string; title: string; category: string; daysAgo: number; status?: string }[]) {
  const customer = uniqueCustomer("b");
  const db = database(env.DB);
  const now = Date.now();
  for (const o of list) {
    const created = now - o.daysAgo * DAY;
    await db.insert(orders).values({ id: `${customer}-${o.id}`, shopId: "apparel", customerId: customer, status: o.status ?? "shipped", totalCents: 9900, items: [{ productId: "p-tee", title: o.title, category: o.category, qty: 1, priceCents: 9900 }], createdAt: created, shippedAt: created + 3600_000, updatedAt: now });
    await db.insert(shipmentEvents).values([
      { id: `${customer}-${o.id}-1`, orderId: `${customer}-${o.id}`, shopId: "apparel", carrier: "顺丰速运", trackingNo: "SF100", status: "collected", description: "顺丰速运 已收取快件", location: "杭州", occurredAt: created + 3600_000 },
      { id: `${customer}-${o.id}-2`, orderId: `${customer}-${o.id}`, shopId: "apparel", carrier: "顺丰速运", trackingNo: "SF100", status: "in_transit", description: "快件已到达【上海转运中心】", location: "上海", occurredAt: created + 7200_000 },
    ]);
  }
  return customer;
}

async function ask(customer: string, text: string, opts: { level?: string } = {}): Promise<SocketClient> {
  const s = await connect(`apparel:${customer}`, await shopperToken(customer, "测试", { level: opts.level ?? "normal" }));
  await s.next("room.joined");
  s.send({ type: "message.send", clientId: cid(), kind: "text", text });
  await s.next("message.acked");
  return s;
}

const fromBot = (s: SocketClient) => s.next("message.created", (e) => e.message.sender.role === "bot" && !e.message.body.notice?.code.startsWith("bot.greeting"));

describe("the bot", () => {
  it("answers a frequent question from the shop's knowledge, and learns from 'not helpful'", async () => {
    const shopper = await ask(uniqueCustomer(), "你们一般多久能发货呀");
    const { message } = await fromBot(shopper);
    expect(message.body.article).toMatchObject({ question: "什么时候发货" });
    expect(message.body.article!.html).toContain("<strong>48 小时内</strong>");
    shopper.send({ type: "bot.feedback", seq: message.seq, helpful: false });
    expect(await shopper.next("bot.feedback_saved")).toMatchObject({ seq: message.seq, helpful: false });
    const rows = await database(env.DB).select().from(unansweredQuestions).where(eq(unansweredQuestions.shopId, "apparel")).all();
    expect(rows.map((r) => r.reason)).toContain("not_helpful");
  });

  it("acks the shopper's message ahead of the bot's answer, and still acks it when the bot's turn fails", async () => {
    const shopper = await ask(uniqueCustomer(), "几天发货");
    const answer = await fromBot(shopper);
    const ack = shopper.all("message.acked")[0]!;
    expect(ack.message.body.text).toBe("几天发货");
    expect(shopper.frames.indexOf(ack)).toBeLessThan(shopper.frames.indexOf(answer));

    // D1 down: the session's write and the search (a question never asked, so not remembered) fail.
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const other = await connect(thread, await shopperToken(customer, "测试"));
    await other.next("room.joined");
    await setRoomD1(thread, brokenD1);
    const clientId = cid();
    other.send({ type: "message.send", clientId, kind: "text", text: `礼盒能不能刻字 ${customer}` });
    expect((await other.next("message.acked")).clientId).toBe(clientId);
    await roomSettled(thread);
    expect(other.all("message.created").filter((e) => e.message.sender.role === "bot" && !e.message.body.notice?.code.startsWith("bot.greeting"))).toEqual([]);
    await setRoomD1(thread, env.DB);
  });

  it("answers from the platform's rules when the shop has no article", async () => {
    const shopper = await ask(uniqueCustomer(), "怎么退货");
    expect((await fromBot(shopper)).message.body.article?.question).toBe("七天无理由退货怎么申请");
  });

  it("answers 我昨天买的衣服到哪了 with yesterday's order and its track, asking for no order number", async () => {
    const customer = await customerWithOrders([{ id: "tee", title: "纯棉圆领T恤", category: "apparel/tops", daysAgo: 1 }, { id: "shoes", title: "跑步鞋", category: "apparel/shoes", daysAgo: 9 }]);
    const shopper = await ask(customer, "我昨天买的衣服到哪了");
    const { message } = await fromBot(shopper);
    expect(message.body.order?.orderId).toBe(`${customer}-tee`);
    expect(message.body.text).toContain("昨天");
    expect(message.body.text).toContain("上海转运中心");
    expect(message.body.tracking?.map((t) => t.status)).toEqual(["in_transit", "collected"]);
  });

  it("answers a follow-up from what the mall sent since: a new shipment step, then a new order", async () => {
    const customer = await customerWithOrders([{ id: "tee", title: "纯棉圆领T恤", category: "apparel/tops", daysAgo: 1 }]);
    const shopper = await ask(customer, "我昨天买的衣服到哪了");
    expect((await fromBot(shopper)).message.body.text).toContain("上海转运中心");
    // The mall finds the thread through its session row; an agent watching sees each push land.
    await vi.waitFor(async () => expect(await database(env.DB).select().from(sessions).where(eq(sessions.customerId, customer)).all()).toHaveLength(1));
    const agent = await connect(`apparel:${customer}`, (await agentTokens()).apparel);
    await agent.next("room.joined");

    const step = { id: `${customer}-tee-3`, orderId: `${customer}-tee`, shopId: "apparel", carrier: "顺丰速运", trackingNo: "SF100", status: "out_for_delivery", description: "快件已到达【北京朝阳营业点】，正在派送", location: "北京", occurredAt: Date.now() - 60_000 };
    await postDelivery(oneEvent("shipment.event", step));
    await agent.next("context.changed", (e) => e.parts.includes("tracking"));
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "我昨天买的衣服到哪了" });
    const again = (await fromBot(shopper)).message.body;
    expect(again.text).toContain("北京朝阳营业点");
    expect(again.tracking?.map((t) => t.status)).toEqual(["out_for_delivery", "in_transit", "collected"]);

    const today = Date.now() - 3600_000;
    await postDelivery(oneEvent("order.upserted", { ...orderData(`${customer}-shoes`, "apparel", customer, today, { status: "shipped" }), items: [{ productId: "p-run", title: "跑步鞋", category: "apparel/shoes", qty: 1, priceCents: 7900 }] }));
    await agent.next("context.changed", (e) => e.parts.includes("orders"));
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "今天买的鞋子到哪了" });
    expect((await fromBot(shopper)).message.body.order?.orderId).toBe(`${customer}-shoes`);
  });

  it("offers order cards to tap when the question could mean several orders", async () => {
    const customer = await customerWithOrders([{ id: "a", title: "牛仔外套", category: "apparel/outerwear", daysAgo: 1 }, { id: "b", title: "羊毛大衣", category: "apparel/outerwear", daysAgo: 1 }]);
    const shopper = await ask(customer, "昨天买的外套到哪了");
    const { message } = await fromBot(shopper);
    expect(message.body.notice?.code).toBe("bot.which_order");
    expect(message.body.orderChoices?.map((o) => o.orderId).sort()).toEqual([`${customer}-a`, `${customer}-b`]);
  });

  it.each([
    ["the shopper asks for a person", "转人工", "asked"],
    ["the shopper is upset", "收到的衣服破了个洞，太让人失望了", "upset"],
  ])("hands off when %s", async (_name, text, reason) => {
    const shopper = await ask(uniqueCustomer(), text);
    const changed = await shopper.next("session.changed", (e) => e.session.status === "queued");
    expect(changed.session.groupKey).toBeTruthy();
    const notice = await shopper.next("message.created", (e) => e.message.body.notice?.code === "bot.handoff");
    expect(notice.message.body.notice?.params).toEqual({ reason });
  });

  it("lets a complaint skip the bot through the starter routing rule, with its apology", async () => {
    const shopper = await ask(uniqueCustomer(), "你们太过分了！三天了还不发货，我要投诉！");
    await shopper.next("session.changed", (e) => e.session.status === "queued");
    expect(shopper.all("message.created").some((e) => e.message.body.article)).toBe(false);
  });

  it("hands off after two unsure turns in a row", async () => {
    const customer = uniqueCustomer();
    const shopper = await ask(customer, "嗯嗯那个东西呢");
    expect((await fromBot(shopper)).message.body.notice?.code).toMatch(/^bot\.(suggest|not_understood)$/);
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "就是那个啊" });
    await shopper.next("session.changed", (e) => e.session.status === "queued");
  });

  it("skips the bot when a routing rule says so (VIP customers in the starter rules)", async () => {
    const shopper = await ask(uniqueCustomer(), "你们什么时候发货", { level: "vip" });
    await shopper.next("session.changed", (e) => e.session.status === "queued" && e.session.groupKey === "vip");
    expect(shopper.all("message.created").filter((e) => e.message.sender.role === "bot" && e.message.body.article)).toHaveLength(0);
  });

  it("greets by entry: a product page gets product questions first", async () => {
    const customer = uniqueCustomer();
    const s = await connect(`apparel:${customer}`, await shopperToken(customer), { entryType: "product", entryId: "p-tee" });
    const greet = await s.next("message.created", (e) => e.message.sender.role === "bot");
    expect(greet.message.body.notice?.code).toBe("bot.greeting.product");
    expect(greet.message.body.quickReplies?.length).toBeGreaterThan(2);
  });

  it("offers leave-a-message instead of a hand-off outside service hours", async () => {
    const db = database(env.DB);
    await db.update(shops).set({ businessHours: { timeZone: "Asia/Shanghai", weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } } }).where(eq(shops.id, "apparel"));
    routingChanged("apparel"); // hours written to D1 directly: whoever writes them tells the rooms' memo
    try {
      const shopper = await ask(uniqueCustomer(), "转人工");
      expect(await shopper.next("queue.updated")).toMatchObject({ status: "unavailable", leaveMessage: true });
      await shopper.next("message.created", (e) => e.message.body.notice?.code === "bot.outside_hours");
    } finally {
      await db.update(shops).set({ businessHours: ALWAYS_OPEN }).where(eq(shops.id, "apparel"));
      routingChanged("apparel");
    }
  });
});
