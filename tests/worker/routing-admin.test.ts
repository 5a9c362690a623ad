import { beforeAll, describe, expect, it } from "vitest";
import { defaultRulesFor } from "../../core/domain/routing";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect } from "../helpers/socket";
import { makeShop } from "../helpers/queue-fixture";

let apparelAdmin: string;
let apparelAgent: string;
beforeAll(async () => {
  await seedFixture();
  [apparelAdmin, apparelAgent] = await Promise.all([staffToken(STAFF.apparelAdmin.email), staffToken(STAFF.apparelAgent.email)]);
});

const json = (body: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("routing administration", () => {
  it("serves the starter rules, saves an edited list, and routes with it in the tester", async () => {
    const got = (await (await api("/api/admin/rules", { token: apparelAdmin })).json()) as { rules: { id: string }[] };
    expect(got.rules.map((r) => r.id)).toEqual(defaultRulesFor("apparel").map((r) => r.id));
    const rules = [
      { id: "size", name: "尺码问题", enabled: true, position: 1, conditions: { keywords: ["尺码", "size"] }, actions: { groupKey: "presales", priority: 3, seniorOnly: false, skipBot: true, autoReply: "亲，尺码表在商品详情页哦" } },
      { id: "default", name: "默认", enabled: true, position: 100, isDefault: true, conditions: {}, actions: { groupKey: "presales", priority: 0, seniorOnly: false, skipBot: false } },
    ];
    const put = await api("/api/admin/rules", { method: "PUT", token: apparelAdmin, ...json({ rules }) });
    expect(put.status).toBe(200);
    const test = (await (await api("/api/admin/rules/test", { method: "POST", token: apparelAdmin, ...json({ text: "这件衣服尺码偏大吗", level: "gold" }) })).json()) as { decision: { ruleId: string; priority: number; autoReply: string; explanation: string[] } };
    expect(test.decision).toMatchObject({ ruleId: "size", priority: 3, autoReply: "亲，尺码表在商品详情页哦" });
    expect(test.decision.explanation.join("\n")).toMatch(/尺码/);
  });

  it("routes the next shopper's first message by a saved rule at once, though sessions just read the old list", async () => {
    const AUTO = "专票请联系售后组，客服马上为您转接";
    /** A new shopper's first message, and the group its session is handed to. */
    const firstMessage = async (text: string) => {
      const customer = uniqueCustomer();
      const shopper = await connect(`apparel:${customer}`, await shopperToken(customer));
      await shopper.next("room.joined");
      shopper.send({ type: "message.send", clientId: cid(), kind: "text", text });
      const { session } = await shopper.next("session.changed", (e) => e.session.groupKey !== null);
      return { shopper, groupKey: session.groupKey };
    };
    const before = await firstMessage("专票怎么开");
    expect(before.groupKey).toBe("presales");
    before.shopper.close();
    const { rules } = (await (await api("/api/admin/rules", { token: apparelAdmin })).json()) as { rules: unknown[] };
    const invoice = { id: "invoice", name: "专票", enabled: true, position: 0, conditions: { keywords: ["专票"] }, actions: { groupKey: "aftersales", priority: 1, seniorOnly: false, skipBot: true, autoReply: AUTO } };
    expect((await api("/api/admin/rules", { method: "PUT", token: apparelAdmin, ...json({ rules: [invoice, ...rules] }) })).status).toBe(200);
    const after = await firstMessage("专票怎么开");
    expect(after.groupKey).toBe("aftersales");
    await after.shopper.next("message.created", (e) => e.message.sender.role === "bot" && e.message.body.text === AUTO);
    after.shopper.close();
  });

  it("refuses an invalid rule list, naming the field, and keeps the stored one", async () => {
    const before = await (await api("/api/admin/rules", { token: apparelAdmin })).text();
    const bad = [{ id: "x", name: "", enabled: true, position: 1, conditions: {}, actions: { groupKey: "presales", priority: 99 } }];
    const res = await api("/api/admin/rules", { method: "PUT", token: apparelAdmin, ...json({ rules: bad }) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { details: { field: string }[] } };
    expect(error.details.map((d) => d.field)).toEqual(expect.arrayContaining(["0.name", "0.actions.priority"]));
    expect(await (await api("/api/admin/rules", { token: apparelAdmin })).text()).toBe(before);
  });

  it("does not let a shop admin read or edit another shop's rules, nor an agent edit any", async () => {
    expect((await api("/api/admin/rules?shop=electronics", { token: apparelAdmin })).status).toBe(403);
    const put = await api("/api/admin/rules?shop=electronics", { method: "PUT", token: apparelAdmin, ...json({ rules: defaultRulesFor("electronics") }) });
    expect(put.status).toBe(403);
    expect((await api("/api/admin/rules", { method: "PUT", token: apparelAgent, ...json({ rules: defaultRulesFor("apparel") }) })).status).toBe(403);
  });

  it("updates a group and an agent, and the queue sees the change", async () => {
    const shop = await makeShop([{ key: "presales" }, { key: "vip" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "a", groups: ["presales"] }]);
    const g = await api("/api/admin/groups/vip", { method: "PATCH", token: shop.tokens.boss, ...json({ policy: "sticky", fallbackKey: "presales", maxWaitSec: 60 }) });
    expect(g.status).toBe(200);
    const a = await api(`/api/admin/agents/${shop.staffId("a")}`, { method: "PATCH", token: shop.tokens.boss, ...json({ capacity: 8, groups: ["presales", "vip"] }) });
    const dir = (await a.json()) as { groups: { key: string; policy: string; fallbackKey: string }[]; agents: { id: string; capacity: number; groups: string[] }[] };
    expect(dir.groups.find((x) => x.key === "vip")).toMatchObject({ policy: "sticky", fallbackKey: "presales" });
    expect(dir.agents.find((x) => x.id === shop.staffId("a"))).toMatchObject({ capacity: 8, groups: ["presales", "vip"] });
    const snap = (await (await api("/api/queue/snapshot", { token: shop.tokens.boss })).json()) as { agents: { id: string; capacity: number; groups: string[] }[]; groups: { key: string; policy: string }[] };
    expect(snap.agents.find((x) => x.id === shop.staffId("a"))).toMatchObject({ capacity: 8, groups: ["presales", "vip"] });
    expect(snap.groups.find((x) => x.key === "vip")?.policy).toBe("sticky");
    const bad = await api("/api/admin/agents/" + shop.staffId("a"), { method: "PATCH", token: shop.tokens.boss, ...json({ capacity: 0, groups: ["nope"] }) });
    expect(bad.status).toBe(400);
    expect((await api(`/api/admin/groups/vip?shop=apparel`, { method: "PATCH", token: shop.tokens.boss, ...json({ maxWaitSec: 30 }) })).status).toBe(403);
  });

  it("keeps queue sockets to the shop's own staff", async () => {
    const { connectQueue } = await import("../helpers/queue-fixture");
    await expect(connectQueue("electronics", apparelAgent)).rejects.toMatchObject({ status: 403 });
    const { shopperToken } = await import("../helpers/fixtures");
    await expect(connectQueue("apparel", await shopperToken("c1"))).rejects.toMatchObject({ status: 403 });
  });
});
