import { t } from "../common/i18n";
import { Icon, type IconName } from "../common/ui/Icon";
import type { View } from "../models/route";
import type { WorkspaceModel } from "../models/workspace";

/** `admin`: admins only; `agent`: agents only (admins find canned replies under 管理). */
const ITEMS: { view: View; icon: IconName; label: "nav.chats" | "nav.queue" | "nav.admin" | "nav.stats" | "nav.leave" | "nav.replies" | "nav.tickets" | "nav.proactive" | "nav.quality"; only?: "admin" | "agent" }[] = [
  { view: "chats", icon: "chat", label: "nav.chats" },
  { view: "queue", icon: "queue", label: "nav.queue" },
  { view: "tickets", icon: "ticket", label: "nav.tickets" },
  { view: "admin", icon: "settings", label: "nav.admin", only: "admin" },
  { view: "stats", icon: "chart", label: "nav.stats" },
  { view: "proactive", icon: "megaphone", label: "nav.proactive", only: "admin" },
  { view: "quality", icon: "check", label: "nav.quality" },
  { view: "replies", icon: "reply", label: "nav.replies", only: "agent" },
  { view: "leave", icon: "inbox", label: "nav.leave" },
];

const count = (n: number) => (n > 99 ? "99+" : String(n));

/** My active tickets: a calm count, red when one of them is overdue; said in full to screen readers. */
function TicketsBadge({ n, late }: { n: number; late: number }) {
  if (n === 0) return null;
  const label = late > 0 ? t("ticketBadge.labelLate", { n, late }) : t("ticketBadge.label", { n });
  return (
    <>
      <span class={`nav-badge${late > 0 ? "" : " nav-badge-calm"}`} data-testid="nav-badge-tickets" data-overdue={late} title={label} aria-hidden="true">
        {count(n)}
      </span>
      <span class="visually-hidden">{label}</span>
    </>
  );
}

/**
 * 会话 / 排队 / 工单 / 管理 (admins) or 快捷回复 (agents) / 数据 (agents: their own) / 主动服务
 * (admins) / 质检 (agents: their own reviews) / 留言, with the
 * waiting count, my new chats and my active tickets (red when one is overdue) as badges.
 */
export function NavRail({ ws, isAdmin }: { ws: WorkspaceModel; isAdmin: boolean }) {
  const current = ws.view.value;
  const waiting = ws.queue.snapshot.value?.waiting.length ?? 0;
  const fresh = ws.queue.myChats.value.filter((c) => c.fresh).length;
  const mine = ws.ticketBadge.active.value;
  const late = ws.ticketBadge.overdue.value;
  // Admins: appeals of 质检 reviews waiting for a second review.
  const badge: Partial<Record<View, number>> = { queue: waiting, chats: fresh, ...(isAdmin ? { quality: ws.quality.openAppeals.value } : {}) };
  return (
    <nav class="nav-rail" aria-label={t("nav.label")}>
      {ITEMS.filter((i) => !i.only || i.only === (isAdmin ? "admin" : "agent")).map((i) => (
        <button
          key={i.view}
          type="button"
          class={`nav-item${current === i.view ? " active" : ""}`}
          data-testid={`nav-${i.view}`}
          aria-current={current === i.view ? "page" : undefined}
          onClick={() => ws.go(i.view)}
        >
          <Icon name={i.icon} size={20} />
          <span>{t(i.label)}</span>
          {i.view === "tickets" ? <TicketsBadge n={mine} late={late} /> : (badge[i.view] ?? 0) > 0 && <span class="nav-badge" data-testid={`nav-badge-${i.view}`}>{count(badge[i.view]!)}</span>}
        </button>
      ))}
    </nav>
  );
}
