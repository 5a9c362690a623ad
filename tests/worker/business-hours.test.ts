import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../worker/services/knowledge/articles";
import { ALWAYS_OPEN, STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect } from "../helpers/socket";
import { eq } from "drizzle-orm";
import { database } from "../../worker/db/client";
import { shops } from "../../worker/db/schema";
import { makeShop } from "../helpers/queue-fixture";

let admin: string;
let agent: string;
beforeAll(async () => {
  await seedFixture();
  [admin, agent] = await Promise.all([staffToken(STAFF.apparelAdmin.email), staffToken(STAFF.apparelAgent.email)]);
  // A shop with knowledge: its bot takes new sessions, and is the one that hands them off.
  await createArticle(env, "apparel", { kind: "faq", question: "什么时候发货", altQuestions: [], answer: "付款后 48 小时内发货", tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null }, { by: STAFF.apparelAdmin.id, now: Date.now() });
});

const put = (hours: unknown, token = admin, shop = "") =>
  api(`/api/admin/business-hours${shop ? `?shop=${shop}` : ""}`, { method: "PUT", token, headers: { "content-type": "application/json" }, body: JSON.stringify({ hours }) });
const stored = async () => (await (await api("/api/admin/business-hours", { token: admin })).json()) as { hours: unknown; openNow: boolean };

/** A shopper asks for a person and gets what the bot does about it. */
async function askForPerson() {
  const customer = uniqueCustomer();
  const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
  await shopper.next("room.joined");
  shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "转人工" });
  return shopper;
}

describe("service hours (服务时间)", () => {
  it("are read and saved by the shop's admin, and the next hand-off follows them at once", async () => {
    expect(await stored()).toEqual({ shopId: "apparel", hours: ALWAYS_OPEN, openNow: true, serviceEmail: `apparel@${env.EMAIL_DOMAIN}` });
    try {
      // Closed every day: a shopper asking for a person is offered leave-a-message.
      const closed = await put({ timeZone: "Asia/Shanghai", weekly: {} });
      expect(closed.status).toBe(200);
      expect(await closed.json()).toMatchObject({ openNow: false, hours: { timeZone: "Asia/Shanghai", weekly: { mon: [], sun: [] } } });
      const outside = await askForPerson();
      expect(await outside.next("queue.updated")).toMatchObject({ status: "unavailable", leaveMessage: true });
      await outside.next("message.created", (e) => e.message.body.notice?.code === "bot.outside_hours");
      outside.close();

      // Open again (an evening shift running past midnight and the rest of the day): handed to a person.
      const open = await put({ timeZone: "Asia/Shanghai", weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "12:00"], ["12:00", "24:00"]]])) });
      expect(await open.json()).toMatchObject({ openNow: true });
      const inside = await askForPerson();
      await inside.next("session.changed", (e) => e.session.status === "queued" || e.session.status === "assigned");
      expect(inside.all("message.created").some((e) => e.message.body.notice?.code === "bot.outside_hours")).toBe(false);
      inside.close();
    } finally {
      expect((await put(ALWAYS_OPEN)).status).toBe(200);
    }
  });

  it("refuses bad hours, naming each field, and keeps the stored ones", async () => {
    const before = await stored();
    const res = await put({ timeZone: "Mars/Olympus", weekly: { mon: [["09:00", "25:00"]], fri: [["10:00", "10:00"]], funday: [] } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: { field: string }[] } };
    expect(error.code).toBe("invalid_input");
    expect(error.details.map((d) => d.field)).toEqual(expect.arrayContaining(["hours.timeZone", "hours.weekly.mon.0.1", "hours.weekly.fri.0", "hours.weekly.funday"]));
    expect((await put("always")).status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it("are the shop admin's own: an agent cannot change them, nor another shop's admin", async () => {
    const before = await stored();
    expect((await put({ weekly: {} }, agent)).status).toBe(403);
    expect((await put({ weekly: {} }, admin, "electronics")).status).toBe(403);
    expect((await api("/api/admin/business-hours?shop=electronics", { token: admin })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it("apply to a shop without knowledge too: its first message, handed straight to a person in hours, is offered leave-a-message outside them", async () => {
    const firstMessage = async (shopId: string) => {
      const customer = uniqueCustomer();
      const shopper = await connect(`${shopId}:${customer}`, await shopperToken(customer));
      await shopper.next("room.joined");
      shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "这款什么时候有货" });
      return shopper;
    };
    // Two fresh shops (no articles, one agent group), so neither shop's hours were read before.
    const [closed, open] = await Promise.all([1, 2].map(() => makeShop([{ key: "presales" }], [{ handle: "a", groups: ["presales"] }])));
    await database(env.DB).update(shops).set({ businessHours: { timeZone: "Asia/Shanghai", weekly: {} } }).where(eq(shops.id, closed!.shopId));
    await database(env.DB).update(shops).set({ businessHours: ALWAYS_OPEN }).where(eq(shops.id, open!.shopId));

    const outside = await firstMessage(closed!.shopId);
    expect(await outside.next("queue.updated")).toMatchObject({ status: "unavailable", leaveMessage: true });
    await outside.next("message.created", (e) => e.message.body.notice?.code === "bot.outside_hours");
    expect(outside.all("session.changed").some((e) => e.session.status === "queued" || e.session.status === "assigned")).toBe(false);
    outside.close();

    const inside = await firstMessage(open!.shopId);
    await inside.next("session.changed", (e) => e.session.status === "queued");
    expect(inside.all("message.created").some((e) => e.message.body.notice?.code === "bot.outside_hours")).toBe(false);
    inside.close();
  });
});
