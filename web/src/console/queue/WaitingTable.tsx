import { CUSTOMER_LEVELS, type CustomerLevel, type QueueSnapshot } from "../../../../core/protocol";
import { lang, t } from "../../common/i18n";
import { LevelBadge } from "../../common/ui/LevelBadge";
import type { QueueModel } from "../../models/queue";

/** 3:07 or 1:02:03: how long someone has waited. */
function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const isLevel = (x: string): x is CustomerLevel => (CUSTOMER_LEVELS as readonly string[]).includes(x);

/** The waiting list in queue order (priority, then wait), with a ticking wait time and 接入. */
export function WaitingTable({ queue, canPick }: { queue: QueueModel; canPick: boolean }) {
  const snap = queue.snapshot.value;
  const now = queue.now.value;
  const busy = queue.busy.value;
  const connected = queue.connection.value === "open";
  const groupName = (key: string) => {
    const g = snap?.groups.find((x) => x.key === key);
    return g ? (lang.value === "en" ? g.nameEn : g.name) : key;
  };
  const waiting: QueueSnapshot["waiting"] = snap?.waiting ?? [];
  return (
    <section class="waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title" class="visually-hidden">{t("queue.title")}</h2>
      {waiting.length === 0 ? (
        <p class="empty-hint" data-testid="queue-empty">{t("queue.empty")}</p>
      ) : (
        <table class="data-table waiting-table">
          <thead>
            <tr>
              <th>{t("queue.position")}</th>
              <th>{t("queue.customer")}</th>
              <th>{t("queue.group")}</th>
              <th>{t("queue.priority")}</th>
              <th>{t("queue.waited")}</th>
              <th>{t("queue.preview")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {waiting.map((w) => {
              const picking = busy.has(`pick:${w.sessionId}`);
              return (
                <tr key={w.sessionId} data-testid="queue-item" data-session-id={w.sessionId} data-thread-id={w.threadId} class={w.overflowed ? "overflowed" : ""}>
                  <td class="num">{w.position}</td>
                  <td>
                    <span class="cell-name">{w.customerName}</span> {isLevel(w.level) && <LevelBadge level={w.level} />}
                  </td>
                  <td>{groupName(w.groupKey)}</td>
                  <td class="num">
                    <span class={`priority priority-${w.priority >= 8 ? "high" : w.priority >= 5 ? "mid" : "low"}`}>{w.priority}</span>
                  </td>
                  <td class="num wait-time" data-testid="wait-time">
                    {elapsed(now - w.enqueuedAt)}
                    {w.overflowed && <span class="badge badge-danger">{t("queue.overflowedFlag")}</span>}
                  </td>
                  <td class="preview" title={w.preview}>
                    {w.preview || <span class="muted">{t("queue.noPreview")}</span>}
                  </td>
                  <td>
                    <button type="button" class="btn btn-primary btn-small" data-testid="pick-button" disabled={!canPick || !connected || picking} title={canPick ? undefined : t("queue.pickNeedsSeat")} onClick={() => void queue.pick(w.sessionId)}>
                      {t(picking ? "queue.picking" : "queue.pick")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
