/**
 * The Hono environment: generated bindings plus what the middleware puts on the context.
 */
import type { Identity } from "./services/identity";

export type AppEnv = {
  Bindings: Env;
  Variables: { identity: Identity };
};
