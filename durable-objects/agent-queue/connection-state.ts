/**
 * A console connected to a shop's queue: the staff member behind it (set by the Worker).
 */
import * as v from "valibot";
import { StaffRole } from "../../core/protocol";

export const QueueConnectionState = v.object({
  staffId: v.string(),
  name: v.string(),
  shopId: v.string(),
  role: StaffRole,
  /** The login session that opened the socket: ending the session closes it (absent on sockets from before sessions had ids). */
  sessionId: v.optional(v.string()),
});
export type QueueConnectionState = v.InferOutput<typeof QueueConnectionState>;

/** Tag of every connection of one agent, to tell when their last console closed. */
export function agentTag(staffId: string): string {
  return `agent:${staffId}`;
}
