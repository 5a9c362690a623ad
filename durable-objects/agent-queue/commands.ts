/**
 * Console commands to the queue: status, manual pick, transfer. Parsed with the protocol
 * schemas; a bad frame gets an error frame and changes nothing.
 */
import type { Connection, WSMessage } from "partyserver";
import { getServerByName } from "partyserver";
import { LIMITS, QueueCommand, exceedsUtf8, parseInput, type QueueEvent } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import { commandErrorBody } from "../shared/command-error";
import type { QueueConnectionState } from "./connection-state";
import { notifyAssignments, notifyRemoved } from "./notify";
import type { AgentQueue } from "./queue";

function reply(conn: Connection, event: QueueEvent): void {
  conn.send(JSON.stringify(event));
}

function errorEvent(err: unknown): QueueEvent {
  return { type: "error", error: commandErrorBody(err, "queue command failed") };
}

export async function handleQueueCommand(queue: AgentQueue, conn: Connection<QueueConnectionState>, raw: WSMessage): Promise<void> {
  const state = conn.state;
  if (!state) return;
  try {
    if (typeof raw !== "string" || exceedsUtf8(raw, LIMITS.queueFrameMaxBytes)) throw new DomainError("payload_too_large", `frames must be text of at most ${LIMITS.queueFrameMaxBytes} bytes (UTF-8)`);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new DomainError("invalid_input", "frame is not valid JSON");
    }
    const cmd = parseInput(QueueCommand, json);
    if (!cmd.ok) throw new DomainError("invalid_input", cmd.message, cmd.issues);
    const now = Date.now();
    switch (cmd.value.type) {
      case "ping":
        return reply(conn, { type: "pong", at: now });
      case "agent.status.set":
        return await queue.afterChange(queue.engine.setStatus(state.staffId, cmd.value.status, now));
      case "queue.pick": {
        const a = queue.engine.pick(state.staffId, cmd.value.sessionId, now);
        return await queue.afterChange([a]);
      }
      case "session.transfer":
        return await transfer(queue, state, cmd.value, now);
    }
  } catch (err) {
    reply(conn, errorEvent(err));
  }
}

async function transfer(queue: AgentQueue, state: QueueConnectionState, cmd: Extract<QueueCommand, { type: "session.transfer" }>, now: number): Promise<void> {
  const current = queue.engine.active.get(cmd.sessionId);
  const isAdmin = state.role === "shop_admin" || state.role === "platform_admin";
  if (current && current.agentId !== state.staffId && !isAdmin) throw new DomainError("forbidden", "only the assigned agent or an admin can transfer this session");
  const { assignment, from } = queue.engine.transfer(cmd.sessionId, { agentId: cmd.toAgentId, groupKey: cmd.toGroupKey }, now);
  queue.persist();
  const target = assignment ? queue.engine.agents.get(assignment.session.agentId) : undefined;
  const toGroup = cmd.toGroupKey ? queue.engine.groups.get(cmd.toGroupKey) : undefined;
  const roomStub = await getServerByName(queue.bindings.ConversationRoom, from.threadId);
  await roomStub.onTransferred({
    sessionId: cmd.sessionId, fromAgentId: from.agentId, byName: state.name, toAgentId: target?.id ?? null, toAgentName: target?.name ?? null,
    toGroupName: toGroup?.name ?? null, note: cmd.note ?? null,
  });
  notifyRemoved(queue, from.agentId, cmd.sessionId, "transferred");
  await notifyAssignments(queue, assignment ? [assignment] : [], cmd.sessionId, cmd.note);
  await queue.afterChange([]);
}
