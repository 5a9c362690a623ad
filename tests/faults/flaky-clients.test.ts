/**
 * Clients dropping and reconnecting at random during a burst: three shopper channels and two
 * staff consoles write into one thread while a seeded PRNG drops their sockets, reconnects them
 * (with `since`), and has some resend messages whose ack they never saw. Afterwards the log has
 * every clientId exactly once with gapless seqs, and every client's view equals the log.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { STAFF, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { mulberry32 } from "../fuzz/prng";
import { expectConsistent } from "./consistency";
import { fullLog, ResumingClient } from "./resuming-client";

/** Messages each client writes; kept under the per-connection burst so no send is rate-limited. */
const PER_CLIENT = 12;

let agentToken: string;
let adminToken: string;
beforeAll(async () => {
  await seedFixture();
  [agentToken, adminToken] = await Promise.all([staffToken(STAFF.apparelAgent.email), staffToken(STAFF.apparelAdmin.email)]);
});

describe("faults: clients dropping and reconnecting at random during a burst", () => {
  it.each([1, 2, 3])("keeps one consistent log (seed %i)", async (seed) => {
    const rand = mulberry32(seed);
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const shopperTok = await shopperToken(customer);
    const clients = [
      new ResumingClient(thread, shopperTok, "shopper app"),
      new ResumingClient(thread, shopperTok, "shopper h5"),
      new ResumingClient(thread, shopperTok, "shopper pc"),
      new ResumingClient(thread, agentToken, "agent"),
      new ResumingClient(thread, adminToken, "shop admin"),
    ];
    for (const c of clients) await c.open();
    // The shopper opens the session first, so staff replies have a session to join.
    const sent = [clients[0]!.send("你好，在吗")];
    await clients[0]!.until(() => clients[0]!.pending.size === 0, "the opening message");

    const written = new Map(clients.map((c) => [c, 0]));
    let drops = 0;
    let resends = 0;
    while ([...written.values()].some((n) => n < PER_CLIENT)) {
      const c = clients[Math.floor(rand() * clients.length)]!;
      const roll = rand();
      if (!c.connected || roll < 0.12) {
        // Drop (if up) and come back: the client resends whatever it saw no ack for.
        if (c.connected) {
          c.drop();
          drops++;
          if (rand() < 0.5) continue; // stays offline for a while; others keep writing
        }
        await c.open();
      } else if (roll < 0.2 && c.acked.size > 0) {
        // A client that lost an ack resends the message with its original clientId.
        const [clientId] = [...c.acked.keys()].slice(Math.floor(rand() * c.acked.size));
        c.resendAcked(clientId!);
        resends++;
      } else if (written.get(c)! < PER_CLIENT) {
        sent.push(c.send(`${c.label} #${written.get(c)}`));
        written.set(c, written.get(c)! + 1);
      }
    }
    for (const c of clients) if (!c.connected) await c.open();
    for (const c of clients) await c.until(() => c.pending.size === 0, `${c.label}'s messages acked`);

    const log = await fullLog(thread, agentToken);
    const shopperLog = await fullLog(thread, shopperTok);
    await expectConsistent(log, sent, clients.map((c) => ({ client: c, log: c.label.startsWith("shopper") ? shopperLog : log })));
    expect(drops).toBeGreaterThan(5);
    expect(resends).toBeGreaterThan(0);
    for (const c of clients) {
      expect(c.errors, `${c.label} got no error`).toEqual([]);
      c.drop();
    }
  });
});
