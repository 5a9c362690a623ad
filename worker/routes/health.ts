/**
 * `GET /api/health`: 200 when the deployment can serve, 503 naming what is missing or weak
 * (services/health.ts). Public and unauthenticated, like any uptime probe; it names no value.
 */
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../env";
import { checkHealth } from "../services/health";

export const healthRoutes = new Hono<AppEnv>().get(
  "/health",
  describeRoute({ tags: ["health"], summary: "Whether this deployment can serve: its secrets set and strong, D1 reachable (503 names what is not)." }),
  async (c) => {
    const health = await checkHealth(c.env);
    return c.json(health, health.status === "ok" ? 200 : 503);
  },
);
