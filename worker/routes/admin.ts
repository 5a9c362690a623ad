/**
 * Routing administration (shop admins for their shop; platform admins for any shop with
 * ?shop=), the queue snapshot and leave-a-message lists for staff.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { getServerByName } from "partyserver";
import * as v from "valibot";
import { DomainError } from "../../core/domain/errors";
import { AgentCreate, AgentPasswordReset, AgentUpdate, BusinessHoursPut, TwoFactorPolicyPut, GroupUpdate, LeaveMessageQuery, RulesPut, RuleTestBody, ShopQuery } from "../../core/protocol";
import { database } from "../db/client";
import { handleLeaveMessage, listLeaveMessages } from "../db/repos/leave-messages";
import type { AppEnv } from "../env";
import { requireIdentity, requireStaff } from "../middleware/auth";
import { shopMailbox } from "../services/email/mailbox";
import { valid } from "../middleware/validate";
import { adminShop, staffShop } from "../services/admin-scope";
import { createAgent, disableAgent, resetAgentPassword } from "../services/staff-admin";
import { endAgentSessions } from "../services/staff-sessions";
import { resetTwoFactor, setTwoFactorPolicy, twoFactorPolicy } from "../services/two-factor";
import { getBusinessHours, getDirectory, getRules, putBusinessHours, putRules, testRules, updateAgent, updateGroup } from "../services/routing-admin";

const Key = v.object({ key: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, "must be a group key")) });
const StaffParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });

export const adminRoutes = new Hono<AppEnv>()
  .use("/admin/*", requireIdentity, requireStaff)
  .use("/queue/*", requireIdentity, requireStaff)
  .use("/leave-messages/*", requireIdentity, requireStaff)
  .use("/leave-messages", requireIdentity, requireStaff)
  .get("/admin/rules", describeRoute({ tags: ["routing"], summary: "The shop's ordered routing rules (the starter set until saved)." }), valid("query", ShopQuery), async (c) =>
    c.json(await getRules(database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop))),
  )
  .put("/admin/rules", describeRoute({ tags: ["routing"], summary: "Replaces the shop's rule list; validated as a whole (one default rule, unique ids and positions)." }), valid("query", ShopQuery), valid("json", RulesPut), async (c) => {
    const identity = c.get("identity");
    const shopId = adminShop(identity, c.req.valid("query").shop);
    return c.json(await putRules(database(c.env.DB), shopId, c.req.valid("json").rules, identity.kind === "staff" ? identity.staffId : ""));
  })
  .post("/admin/rules/test", describeRoute({ tags: ["routing"], summary: "Rule tester: which group a sample message and customer would go to, and why (stored rules, or a draft in `rules`)." }), valid("query", ShopQuery), valid("json", RuleTestBody), async (c) =>
    c.json(await testRules(database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("json"))),
  )
  .get("/admin/business-hours", describeRoute({ tags: ["routing"], summary: "The shop's service hours (the default 09:00-22:00 Beijing time until set) and whether it is open now." }), valid("query", ShopQuery), async (c) => {
    const shop = adminShop(c.get("identity"), c.req.valid("query").shop);
    return c.json(await getBusinessHours(database(c.env.DB), shop, shopMailbox(c.env, shop)));
  })
  .put("/admin/business-hours", describeRoute({ tags: ["routing"], summary: "Replaces the shop's service hours: an IANA zone and each weekday's intervals (an empty day is closed; an interval may run past midnight)." }), valid("query", ShopQuery), valid("json", BusinessHoursPut), async (c) => {
    const shop = adminShop(c.get("identity"), c.req.valid("query").shop);
    return c.json(await putBusinessHours(database(c.env.DB), shop, c.req.valid("json").hours, shopMailbox(c.env, shop)));
  })
  .get("/admin/directory", describeRoute({ tags: ["routing"], summary: "Skill groups and agents of the shop." }), valid("query", ShopQuery), async (c) =>
    c.json(await getDirectory(database(c.env.DB), staffShop(c.get("identity"), c.req.valid("query").shop))),
  )
  .patch("/admin/groups/:key", describeRoute({ tags: ["routing"], summary: "Updates a skill group: policy, fallback, wait limit, sticky window, offline handling." }), valid("param", Key), valid("query", ShopQuery), valid("json", GroupUpdate), async (c) =>
    c.json(await updateGroup(c.env, database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").key, c.req.valid("json"))),
  )
  .patch("/admin/agents/:id", describeRoute({ tags: ["routing"], summary: "Updates an agent's capacity, seniority and groups." }), valid("param", StaffParam), valid("query", ShopQuery), valid("json", AgentUpdate), async (c) =>
    c.json(await updateAgent(c.env, database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id, c.req.valid("json"))),
  )
  .post("/admin/agents", describeRoute({ tags: ["routing"], summary: "Adds a staff account to the shop (e-mail, name, role, initial password, capacity, seniority, groups)." }), valid("query", ShopQuery), valid("json", AgentCreate), async (c) =>
    c.json(await createAgent(c.env, database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("json"), Date.now()), 201),
  )
  .delete("/admin/agents/:id", describeRoute({ tags: ["routing"], summary: "Disables a staff account: its sessions end, its chats are requeued, its sockets close; kept for history." }), valid("param", StaffParam), valid("query", ShopQuery), async (c) => {
    const identity = c.get("identity");
    const shopId = adminShop(identity, c.req.valid("query").shop);
    return c.json(await disableAgent(c.env, database(c.env.DB), shopId, c.req.valid("param").id, identity.kind === "staff" ? identity.staffId : "", Date.now()));
  })
  .put("/admin/agents/:id/password", describeRoute({ tags: ["routing"], summary: "Sets a new password for a staff member of the shop who forgot theirs; every session of the account ends." }), valid("param", StaffParam), valid("query", ShopQuery), valid("json", AgentPasswordReset), async (c) => {
    const identity = c.get("identity");
    const shopId = adminShop(identity, c.req.valid("query").shop);
    return c.json(await resetAgentPassword(c.env, database(c.env.DB), shopId, c.req.valid("param").id, c.req.valid("json"), identity.kind === "staff" ? identity.staffId : "", Date.now()));
  })
  .delete("/admin/agents/:id/sessions", describeRoute({ tags: ["routing"], summary: "Logs a staff member of the shop out everywhere (a lost phone, a shared computer) without a new password: every session ends and its sockets close." }), valid("param", StaffParam), valid("query", ShopQuery), async (c) => {
    const identity = c.get("identity");
    const shopId = adminShop(identity, c.req.valid("query").shop);
    return c.json(await endAgentSessions(c.env, database(c.env.DB), shopId, c.req.valid("param").id, identity.kind === "staff" ? identity.staffId : "", Date.now()));
  })
  .delete("/admin/agents/:id/two-factor", describeRoute({ tags: ["routing"], summary: "Resets a staff member's two-factor login (a lost phone and recovery codes): they log in with the password alone and can set it up again." }), valid("param", StaffParam), valid("query", ShopQuery), async (c) => {
    await resetTwoFactor(database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop), c.req.valid("param").id);
    return c.body(null, 204);
  })
  .get("/admin/two-factor-policy", describeRoute({ tags: ["routing"], summary: "Whether the shop requires two-factor login of its staff, and which enabled accounts do not have it on." }), valid("query", ShopQuery), async (c) =>
    c.json(await twoFactorPolicy(database(c.env.DB), adminShop(c.get("identity"), c.req.valid("query").shop))),
  )
  .put("/admin/two-factor-policy", describeRoute({ tags: ["routing"], summary: "Requires two-factor login of the shop's staff (or stops): accounts without it can then only set it up. Only an admin who has it on may require it." }), valid("query", ShopQuery), valid("json", TwoFactorPolicyPut), async (c) => {
    const identity = c.get("identity");
    const shopId = adminShop(identity, c.req.valid("query").shop);
    return c.json(await setTwoFactorPolicy(c.env, database(c.env.DB), identity.kind === "staff" ? identity.staffId : "", shopId, c.req.valid("json").required));
  })
  .get("/queue/snapshot", describeRoute({ tags: ["routing"], summary: "The shop's queue as consoles see it: agents, waiting, active, groups." }), valid("query", ShopQuery), async (c) => {
    const shopId = staffShop(c.get("identity"), c.req.valid("query").shop);
    return c.json(await (await getServerByName(c.env.AgentQueue, shopId)).snapshot());
  })
  .get("/leave-messages", describeRoute({ tags: ["routing"], summary: "Messages shoppers left when nobody could take the chat." }), valid("query", LeaveMessageQuery), async (c) => {
    const q = c.req.valid("query");
    return c.json({ leaveMessages: await listLeaveMessages(database(c.env.DB), staffShop(c.get("identity"), q.shop), q.status) });
  })
  .post("/leave-messages/:id/handle", describeRoute({ tags: ["routing"], summary: "Marks a left message handled." }), valid("param", IdParam), valid("query", ShopQuery), async (c) => {
    const identity = c.get("identity");
    const ok = await handleLeaveMessage(database(c.env.DB), staffShop(identity, c.req.valid("query").shop), c.req.valid("param").id, identity.kind === "staff" ? identity.staffId : "", Date.now());
    if (!ok) throw new DomainError("not_found", "no such message in this shop");
    return c.body(null, 204);
  });
