/**
 * The Hono app: routes under /api, the room sockets under /parties, one error handler.
 */
import { Hono } from "hono";
import { openAPIRouteHandler } from "hono-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import { toJsonSchema } from "@valibot/to-json-schema";
import { ErrorBody } from "../core/protocol";
import { DomainError } from "../core/domain/errors";
import type { AppEnv } from "./env";
import { onError } from "./middleware/errors";
import { bodyLimits } from "./middleware/body-limit";
import { perIpRateLimits } from "./middleware/rate-limit";
import { adminRoutes } from "./routes/admin";
import { analyticsRoutes } from "./routes/analytics";
import { qualityRoutes } from "./routes/quality";
import { authRoutes } from "./routes/auth";
import { contextRoutes } from "./routes/context";
import { healthRoutes } from "./routes/health";
import { knowledgeRoutes } from "./routes/knowledge";
import { mallRoutes } from "./routes/mall";
import { proactiveRoutes } from "./routes/proactive";
import { campaignRoutes } from "./routes/campaigns";
import { routeRoomRequest } from "./routes/rooms";
import { shopRoutes } from "./routes/shops";
import { threadRoutes } from "./routes/threads";
import { ticketRoutes } from "./routes/tickets";
import { uploadRoutes } from "./routes/uploads";

export const api = new Hono<AppEnv>().route("/", healthRoutes).route("/", authRoutes).route("/", shopRoutes).route("/", threadRoutes).route("/", uploadRoutes).route("/", adminRoutes).route("/", mallRoutes).route("/", contextRoutes).route("/", knowledgeRoutes).route("/", proactiveRoutes).route("/", campaignRoutes).route("/", analyticsRoutes).route("/", ticketRoutes).route("/", qualityRoutes);

api.get(
  "/openapi.json",
  openAPIRouteHandler(api, {
    documentation: {
      info: { title: "Kefu Edge API", version: "0.1.0", description: "Real-time customer service for multi-vendor malls. The socket protocol is in docs/api.md." },
      servers: [{ url: "/api" }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A staff session token (st_…) or a shopper JWT (HS256, signed by the mall)." } } },
      security: [{ bearer: [] }],
    },
    // Validation failures leave as our one error body, naming each field in `details`.
    defaultValidationErrorResponse: {
      description: "invalid_input: the message names every bad field; details lists { field, message }",
      content: { "application/json": { schema: toJsonSchema(ErrorBody) as Record<string, unknown> } },
    },
  }),
);
api.get("/docs", Scalar({ url: "/api/openapi.json", pageTitle: "Kefu Edge API" }));

export const app = new Hono<AppEnv>();
// Per-IP limits run before any route (login, token issuance, uploads, socket connects).
app.use("*", perIpRateLimits);
// Body size caps before any route reads a body (64 KB for JSON; see middleware/body-limit.ts).
app.use("/api/*", bodyLimits);
app.route("/api", api);
app.all("/parties/*", async (c) => (await routeRoomRequest(c.req.raw, c.env)) ?? c.json({ error: { code: "not_found", message: "no such party" } }, 404));
app.all("/api/*", () => {
  throw new DomainError("not_found", "no such route");
});
app.onError(onError);
