/**
 * 工单 in the service report (opened and resolved in the range, within SLA, resolution times, the
 * backlog now, categories and departments, per scope) and the tickets CSV export (headers and
 * words in both languages, local times, the list's filters and order, tenancy, the row limit).
 */
import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import * as v from "valibot";
import { beforeAll, describe, expect, it } from "vitest";
import type { TicketFigures } from "../../core/domain/analytics/tickets";
import { TicketExportQuery } from "../../core/protocol/tickets";
import type { StaffIdentity } from "../../worker/services/identity";
import { skillGroups, tickets } from "../../worker/db/schema";
import { exportTickets } from "../../worker/services/tickets/export";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, platformAdminToken, type TestShop } from "../helpers/queue-fixture";
import { db } from "../helpers/tickets";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A wall time in Beijing (the test shops' zone) as epoch ms. */
const local = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+08:00`);
const RANGE = "from=2026-03-01&to=2026-03-03";

let shop: TestShop;
let other: TestShop;
let far: number;
let number = 0;

type Seed = { title: string; category: string; priority?: string; status: string; department?: string; assignee?: string; createdAt: number; dueAt: number; resolvedAt?: number; closedAt?: number };
function ticketRow(s: TestShop, id: string, t: Seed) {
  const customer = `cu-${id}`;
  const updatedAt = Math.max(t.createdAt, t.resolvedAt ?? 0, t.closedAt ?? 0);
  return {
    id: `tkt_${id}${s.shopId}`.slice(0, 36), shopId: s.shopId, number: ++number, threadId: `${s.shopId}:${customer}`, customerId: customer, title: t.title, category: t.category,
    priority: t.priority ?? "normal", status: t.status, department: t.department ?? null, assigneeId: t.assignee ? s.staffId(t.assignee) : null, createdBy: s.staffId("ana"),
    createdByName: "客服ana", createdAt: t.createdAt, updatedAt, dueAt: t.dueAt, resolvedAt: t.resolvedAt ?? null, closedAt: t.closedAt ?? null,
  };
}

beforeAll(async () => {
  await seedFixture();
  [shop, other] = await Promise.all([
    makeShop([{ key: "aftersales" }, { key: "logistics" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "ana", groups: ["aftersales"] }, { handle: "bo", groups: ["logistics"] }]),
    makeShop([{ key: "aftersales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "ana", groups: ["aftersales"] }]),
  ]);
  await db.update(skillGroups).set({ name: "售后", nameEn: "After-sales" }).where(and(eq(skillGroups.shopId, shop.shopId), eq(skillGroups.key, "aftersales"))).run();
  far = Date.now() + 30 * DAY;
  const k1 = local("2026-03-01", "10:00");
  const k2 = local("2026-03-01", "08:00");
  const k5 = local("2026-02-20", "10:00");
  const rows = [
    // Opened and resolved in the range, in 2 hours (within its 24 h).
    ticketRow(shop, "k1", { title: "=SUM(A1)退款", category: "refund", priority: "high", status: "resolved", department: "aftersales", assignee: "ana", createdAt: k1, dueAt: k1 + DAY, resolvedAt: k1 + 2 * HOUR }),
    // Opened in the range, resolved in it after 52 hours (late for its 48 h), then closed.
    ticketRow(shop, "k2", { title: "退款二", category: "refund", status: "closed", department: "aftersales", assignee: "bo", createdAt: k2, dueAt: k2 + 2 * DAY, resolvedAt: k2 + 52 * HOUR, closedAt: k2 + 60 * HOUR }),
    // 23:30 on 2 March in Beijing (still 2 March in UTC too): open and long overdue.
    ticketRow(shop, "k3", { title: "物流未更新", category: "logistics", status: "open", department: "logistics", assignee: "ana", createdAt: local("2026-03-02", "23:30"), dueAt: local("2026-03-04", "23:30") }),
    // Pending, due far ahead, nobody's department.
    ticketRow(shop, "k4", { title: "质量问题", category: "quality", status: "pending", createdAt: local("2026-03-03", "10:00"), dueAt: far }),
    // Opened before the range, resolved in it after 10 days.
    ticketRow(shop, "k5", { title: "旧的", category: "other", status: "resolved", department: "logistics", createdAt: k5, dueAt: k5 + 2 * DAY, resolvedAt: k5 + 10 * DAY }),
    // Opened before the range and still being worked on, overdue: the backlog.
    ticketRow(shop, "k6", { title: "积压", category: "refund", status: "in_progress", department: "aftersales", assignee: "ana", createdAt: local("2026-02-25", "10:00"), dueAt: local("2026-02-27", "10:00") }),
    // Opened after the range, due ahead.
    ticketRow(shop, "k7", { title: "之后的", category: "exchange", status: "open", department: "logistics", createdAt: local("2026-03-04", "10:00"), dueAt: far }),
    // Another shop's, in the range: never in this shop's figures or files.
    ticketRow(other, "k8", { title: "别家的", category: "invoice", status: "open", department: "aftersales", assignee: "ana", createdAt: k1, dueAt: far }),
  ];
  const [first, ...rest] = rows.map((r) => db.insert(tickets).values(r));
  await db.batch([first!, ...rest]);
});

const figures = async (token: string, path: string) => {
  const res = await api(path, { token });
  const body = (await res.json()) as { tickets: TicketFigures; error?: { code: string } };
  return { status: res.status, body };
};

describe("tickets in the service report", () => {
  it("counts a shop's tickets opened and resolved in the range, in time, how long they took, and the backlog now", async () => {
    const { status, body } = await figures(shop.tokens.boss!, `/api/admin/analytics?${RANGE}`);
    expect(status).toBe(200);
    expect(body.tickets).toEqual({
      opened: 4,
      resolved: 3,
      active: 4,
      overdue: 2,
      withinSla: 1,
      slaRate: 0.333,
      // 2 h, 52 h and 240 h.
      resolutionAvgHours: 98,
      resolutionMedianHours: 52,
      categories: [
        { category: "refund", opened: 2, resolved: 2 },
        { category: "logistics", opened: 1, resolved: 0 },
        { category: "quality", opened: 1, resolved: 0 },
        { category: "other", opened: 0, resolved: 1 },
      ],
      departments: [
        { key: "aftersales", name: "售后", nameEn: "After-sales", opened: 2, resolved: 2, active: 1, overdue: 1 },
        { key: "logistics", name: "logistics", nameEn: "logistics", opened: 1, resolved: 1, active: 2, overdue: 1 },
        { key: null, name: null, nameEn: null, opened: 1, resolved: 0, active: 1, overdue: 0 },
      ],
    });
  });

  it("gives an agent the tickets assigned to them (我的数据)", async () => {
    const { status, body } = await figures(shop.tokens.ana!, `/api/analytics/mine?${RANGE}`);
    expect(status).toBe(200);
    expect(body.tickets).toMatchObject({ opened: 2, resolved: 1, withinSla: 1, slaRate: 1, resolutionAvgHours: 2, resolutionMedianHours: 2, active: 2, overdue: 2 });
    expect(body.tickets.categories).toEqual([{ category: "refund", opened: 1, resolved: 1 }, { category: "logistics", opened: 1, resolved: 0 }]);
    const bo = await figures(shop.tokens.bo!, `/api/analytics/mine?${RANGE}`);
    expect(bo.body.tickets).toMatchObject({ opened: 1, resolved: 1, withinSla: 0, active: 0, overdue: 0, resolutionMedianHours: 52 });
  });

  it("keeps to the scope: another shop's admin is refused, the platform sees one shop or all", async () => {
    expect((await figures(other.tokens.boss!, `/api/admin/analytics?${RANGE}&shop=${shop.shopId}`)).status).toBe(403);
    const mine = await figures(other.tokens.boss!, `/api/admin/analytics?${RANGE}`);
    expect(mine.body.tickets).toMatchObject({ opened: 1, resolved: 0, categories: [{ category: "invoice", opened: 1, resolved: 0 }] });
    const platform = (await platformAdminToken()).token;
    const one = await figures(platform, `/api/admin/analytics?${RANGE}&shop=${shop.shopId}`);
    expect(one.body.tickets).toMatchObject({ opened: 4, resolved: 3, overdue: 2 });
    const all = await figures(platform, `/api/admin/analytics?${RANGE}`);
    expect(all.body.tickets.opened).toBeGreaterThanOrEqual(5);
    expect(all.body.tickets.categories.find((c) => c.category === "invoice")?.opened).toBeGreaterThanOrEqual(1);
  });

  it("is all zeros and nulls where there are no tickets", async () => {
    const { body } = await figures(shop.tokens.boss!, "/api/admin/analytics?from=2025-01-01&to=2025-01-02");
    expect(body.tickets).toMatchObject({ opened: 0, resolved: 0, withinSla: 0, slaRate: null, resolutionAvgHours: null, resolutionMedianHours: null, categories: [] });
    // The backlog is now's, whatever the range.
    expect(body.tickets).toMatchObject({ active: 4, overdue: 2 });
  });
});

const download = async (token: string, query: string) => {
  const res = await api(`/api/tickets/export${query ? `?${query}` : ""}`, { token });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Keep the BOM in the text, to see it is there (a TextDecoder drops it by default).
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  const rows = res.ok ? Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: true }).data : [];
  return { res, text, rows, titles: rows.slice(1).map((r) => r[2]) };
};
const row = (rows: string[][], title: string) => rows.find((r) => r[2] === title)!;

describe("the tickets export (GET /api/tickets/export)", () => {
  it("lists every ticket of the view as CSV, in the list's order, with the shop's local times, in Chinese by default", async () => {
    const { res, rows, titles, text } = await download(shop.tokens.ana!, "status=all");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="kefu-${shop.shopId}-tickets-all-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(res.headers.get("x-kefu-truncated")).toBeNull();
    expect(text.slice(0, 5)).toBe("\ufeff工单号,");
    expect(rows[0]!.join(",")).toBe("工单号,店铺,标题,顾客,顾客ID,类型,优先级,状态,处理部门,处理人,创建时间,截止时间,解决时间,关闭时间,是否超时");
    // Most recently changed first, as the list shows `all`; the other shop's never; a formula-looking title as text.
    expect(titles).toEqual(["之后的", "退款二", "质量问题", "物流未更新", "旧的", "'=SUM(A1)退款", "积压"]);
    const k1 = row(rows, "'=SUM(A1)退款");
    expect(k1.slice(0, 5)).toEqual([expect.stringMatching(/^\d+$/), shop.shopId, "'=SUM(A1)退款", "cu-k1", "cu-k1"]);
    expect(k1.slice(5)).toEqual(["退款", "高", "已解决", "售后", "客服ana", "2026-03-01 10:00", "2026-03-02 10:00", "2026-03-01 12:00", "", "否"]);
    expect(row(rows, "物流未更新").slice(5)).toEqual(["物流", "普通", "待处理", "logistics", "客服ana", "2026-03-02 23:30", "2026-03-04 23:30", "", "", "是"]);
  });

  it("speaks English with lang=en", async () => {
    const { rows } = await download(shop.tokens.ana!, "status=all&lang=en");
    expect(rows[0]!.join(",")).toBe("number,shop,title,customer,customer id,category,priority,status,department,assignee,created,due,resolved,closed,overdue");
    expect(row(rows, "退款二").slice(5)).toEqual(["Refund", "Normal", "Closed", "After-sales", "客服bo", "2026-03-01 08:00", "2026-03-03 08:00", "2026-03-03 12:00", "2026-03-03 20:00", "no"]);
  });

  it("applies the list's filters: the active view most urgent first, department, overdue, mine", async () => {
    const titles = async (query: string) => (await download(shop.tokens.ana!, query)).titles;
    expect(await titles("")).toEqual(["积压", "物流未更新", "质量问题", "之后的"]);
    expect(await titles("department=logistics")).toEqual(["物流未更新", "之后的"]);
    expect(await titles("overdue=true")).toEqual(["积压", "物流未更新"]);
    expect(await titles("assignee=me&status=all")).toEqual(["物流未更新", "'=SUM(A1)退款", "积压"]);
    expect(await titles("status=all&q=退款")).toEqual(["退款二", "'=SUM(A1)退款"]);
    expect(await titles("status=all&q=nothing-like-this")).toEqual([]);
  });

  it("keeps to the list's tenancy and refuses bad queries", async () => {
    expect((await download(other.tokens.ana!, `shop=${shop.shopId}`)).res.status).toBe(403);
    const theirs = await download(other.tokens.ana!, "status=all");
    expect(theirs.titles).toEqual(["别家的"]);
    expect((await download(await shopperToken(uniqueCustomer()), "")).res.status).toBe(403);
    const bad = await api("/api/tickets/export?lang=fr", { token: shop.tokens.ana! });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(["lang"]);
    const platform = (await platformAdminToken()).token;
    const one = await download(platform, `shop=${shop.shopId}&status=all`);
    expect(one.rows).toHaveLength(8);
  });

  it("cuts the file at its row limit and says so", async () => {
    const identity: StaffIdentity = { kind: "staff", staffId: shop.staffId("ana"), shopId: shop.shopId, role: "shop_agent", name: "客服ana", sessionId: "ss-test" };
    const file = await exportTickets(db, identity, v.parse(TicketExportQuery, { status: "all" }), Date.now(), 2);
    expect(file.truncated).toBe(true);
    expect(file.csv.trimEnd().split("\r\n")).toHaveLength(3);
    const whole = await exportTickets(db, identity, v.parse(TicketExportQuery, { status: "all" }), Date.now(), 7);
    expect(whole.truncated).toBe(false);
  });
});
