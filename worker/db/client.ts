import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

type Client = ReturnType<typeof drizzle<typeof schema>>;
/**
 * One drizzle client per D1 binding: building one walks the whole schema (relational config),
 * which showed up in the room's CPU profile when every bot turn made a fresh one.
 */
const clients = new WeakMap<D1Database, Client>();

/** The drizzle client over the D1 binding (made once per binding object). */
export function database(d1: D1Database): Client {
  let client = clients.get(d1);
  if (!client) clients.set(d1, (client = drizzle(d1, { schema })));
  return client;
}
export type Database = Client;
