/**
 * Staff login/logout, the caller's identity, guest tokens, the demo shopper token issuer and the demo's past conversations.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { DemoShopperTokenBody, GuestBody, LoginBody, PasswordChangeBody, SocketTicketBody, StaffSessionParam, TwoFactorDisableBody, TwoFactorEnableBody, TwoFactorSetupBody } from "../../core/protocol";
import { database } from "../db/client";
import { listCustomers } from "../db/repos/customers";
import type { AppEnv } from "../env";
import { bearerOf, requireIdentity, requireIdentityDuringSetup, requireStaff } from "../middleware/auth";
import { clientAddress } from "../lib/client-address";
import { valid } from "../middleware/validate";
import { changePassword, confirmPassword, issueDemoShopperToken, issueGuestToken, login, logout } from "../services/auth";
import { DomainError } from "../../core/domain/errors";
import { issueTicket } from "../services/socket-ticket";
import { importTranscripts } from "../services/demo-transcripts";
import { TranscriptImportBody } from "../../core/protocol/demo";
import { disableTwoFactor, enableTwoFactor, startTwoFactor, twoFactorStatus } from "../services/two-factor";
import { staffOf } from "../services/identity";
import { endOtherSessions, endOwnSession, listOwnSessions } from "../services/staff-sessions";

export const authRoutes = new Hono<AppEnv>()
  .post(
    "/auth/login",
    describeRoute({ tags: ["auth"], summary: "Staff login with e-mail and password; returns a session token (12 h)." }),
    valid("json", LoginBody),
    async (c) => c.json(await login(c.env, database(c.env.DB), c.req.valid("json"), clientAddress(c.req.raw), c.req.header("user-agent") ?? null)),
  )
  // A session held back until its account is set up (two-factor login, a password an admin set) may use these, /auth/password, /me and logout only.
  .use("/auth/two-factor", requireIdentityDuringSetup, requireStaff)
  .use("/auth/two-factor/*", requireIdentityDuringSetup, requireStaff)
  .get("/auth/two-factor", describeRoute({ tags: ["auth"], summary: "Whether the caller's two-factor login is on, how many recovery codes are left, and whether the shop requires it." }), async (c) => {
    const staff = staffOf(c.get("identity"));
    return c.json(await twoFactorStatus(database(c.env.DB), staff.staffId, staff.shopId));
  })
  .post(
    "/auth/two-factor/setup",
    describeRoute({ tags: ["auth"], summary: "Starts two-factor login after the staff member's password: a new authenticator secret and its otpauth:// URI (for a QR code), to confirm within 15 minutes." }),
    valid("json", TwoFactorSetupBody),
    async (c) => {
      const db = database(c.env.DB);
      const staffId = staffOf(c.get("identity")).staffId;
      await confirmPassword(db, staffId, c.req.valid("json").password, clientAddress(c.req.raw), Date.now());
      return c.json(await startTwoFactor(c.env, db, staffId, Date.now()));
    },
  )
  .post(
    "/auth/two-factor/enable",
    describeRoute({ tags: ["auth"], summary: "Confirms the setup with the app's current code and turns two-factor login on; returns ten one-use recovery codes, shown this once. The account's other sessions end." }),
    valid("json", TwoFactorEnableBody),
    async (c) => {
      return c.json(await enableTwoFactor(c.env, database(c.env.DB), staffOf(c.get("identity")), c.req.valid("json").code, Date.now()));
    },
  )
  .post(
    "/auth/two-factor/disable",
    describeRoute({ tags: ["auth"], summary: "Turns two-factor login off, with a current code of the app or an unused recovery code; refused while the shop requires it." }),
    valid("json", TwoFactorDisableBody),
    async (c) => {
      const staff = staffOf(c.get("identity"));
      await disableTwoFactor(c.env, database(c.env.DB), staff.staffId, staff.shopId, c.req.valid("json").code, Date.now());
      return c.body(null, 204);
    },
  )
  .post(
    "/auth/password",
    describeRoute({ tags: ["auth"], summary: "Changes the caller's password (the current one first, counted like a login); every other session of the account ends." }),
    requireIdentityDuringSetup,
    requireStaff,
    valid("json", PasswordChangeBody),
    async (c) => {
      return c.json(await changePassword(c.env, database(c.env.DB), staffOf(c.get("identity")), c.req.valid("json"), clientAddress(c.req.raw), Date.now()));
    },
  )
  .post("/auth/logout", describeRoute({ tags: ["auth"], summary: "Ends the staff session of the bearer token; the sockets it opened close." }), async (c) => {
    const token = bearerOf(c.req.raw);
    if (token) await logout(c.env, database(c.env.DB), token);
    return c.body(null, 204);
  })
  .get("/auth/sessions", describeRoute({ tags: ["auth"], summary: "The caller's live login sessions: browser, address, when each began and was last seen; the caller's own is `current`." }), requireIdentity, requireStaff, async (c) =>
    c.json(await listOwnSessions(database(c.env.DB), staffOf(c.get("identity")), Date.now())),
  )
  .post("/auth/sessions/end-others", describeRoute({ tags: ["auth"], summary: "Ends every other session of the caller's account (the sockets they opened close); returns how many ended." }), requireIdentity, requireStaff, async (c) =>
    c.json(await endOtherSessions(c.env, database(c.env.DB), staffOf(c.get("identity")), Date.now())),
  )
  .delete("/auth/sessions/:id", describeRoute({ tags: ["auth"], summary: "Ends one of the caller's sessions (the caller's own: a logout); the sockets it opened close." }), requireIdentity, requireStaff, valid("param", StaffSessionParam), async (c) => {
    await endOwnSession(c.env, database(c.env.DB), staffOf(c.get("identity")), c.req.valid("param").id, Date.now());
    return c.body(null, 204);
  })
  .post(
    "/socket-tickets",
    describeRoute({ tags: ["auth"], summary: "A single-use ticket (60 s) for one socket: put it in the socket URL as `ticket`; the bearer token is not accepted there." }),
    requireIdentity,
    valid("json", SocketTicketBody),
    async (c) => c.json(await issueTicket(c.env, bearerOf(c.req.raw)!, c.get("identity"), c.req.valid("json"))),
  )
  .get("/me", describeRoute({ tags: ["auth"], summary: "Who the bearer token belongs to (`twoFactorSetupPending` when the session may only set up two-factor login)." }), requireIdentityDuringSetup, (c) =>
    c.json({ identity: c.get("identity") }),
  )
  .post(
    "/auth/guest",
    describeRoute({ tags: ["auth"], summary: "A guest shopper token (24 h) with a fresh g_ id." }),
    valid("json", GuestBody),
    async (c) => c.json(await issueGuestToken(c.env, c.req.valid("json").name)),
  )
  .get("/demo/customers", describeRoute({ tags: ["demo"], summary: "Demo only: a few demo customers to chat as." }), async (c) => {
    if (c.env.DEMO_MODE !== "1") throw new DomainError("not_found", "demo routes are disabled");
    const rows = await listCustomers(database(c.env.DB), 20);
    return c.json({ customers: rows.map((r) => ({ id: r.id, name: r.name, level: r.level })) });
  })
  .post(
    "/demo/shopper-token",
    describeRoute({ tags: ["demo"], summary: "Demo only (DEMO_MODE=1): signs a shopper token for a demo customer, as a mall would." }),
    valid("json", DemoShopperTokenBody),
    async (c) => c.json(await issueDemoShopperToken(c.env, database(c.env.DB), c.req.valid("json").customerId)),
  )
  .post(
    "/demo/transcripts",
    describeRoute({ tags: ["demo"], summary: "Demo only (DEMO_MODE=1), platform admins: writes the demo mall's past conversations into their threads, each unless it has messages of its own (`kept`). `npm start` calls it after seeding." }),
    requireIdentity,
    valid("json", TranscriptImportBody),
    async (c) => c.json(await importTranscripts(c.env, c.get("identity"), c.req.valid("json"), Date.now())),
  );
