import type { TicketPriority, TicketStatus } from "../../../../core/protocol/tickets";
import { priorityName, statusName } from "./ticket-text";

/** 待处理 / 处理中 / 等待中 / 已解决 / 已关闭, coloured by stage. */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span class={`badge ticket-status-${status}`} data-testid="ticket-status" data-status={status}>
      {statusName(status)}
    </span>
  );
}

/** 低 / 普通 / 高 / 紧急; the normal one stays quiet. */
export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <span class={`badge ticket-priority-${priority}`} data-testid="ticket-priority" data-priority={priority}>
      {priorityName(priority)}
    </span>
  );
}
