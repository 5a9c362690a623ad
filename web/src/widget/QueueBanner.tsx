import { t } from "../common/i18n";
import type { QueueInfo } from "../models/conversation-state";

/** While the shopper waits for a person: their place in line, or that nobody is free. */
export function QueueBanner({ queue }: { queue: QueueInfo | null }) {
  if (!queue) return null;
  const text =
    queue.status === "unavailable"
      ? t("queue.unavailable")
      : queue.status === "overflowed"
        ? t("queue.overflowed")
        : queue.position !== undefined
          ? t("queue.queued", { n: queue.position })
          : t("queue.waiting");
  return (
    <div class="queue-banner" role="status" data-testid="queue-status" data-status={queue.status}>
      {text}
    </div>
  );
}
