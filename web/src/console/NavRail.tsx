import { t } from "../common/i18n";
import { Icon } from "../common/ui/Icon";
import type { View } from "../models/route";
import type { WorkspaceModel } from "../models/workspace";

/** `admin`: admins only; `agent`: agents only (admins find canned replies under 管理). */
const ITEMS: { view: View; icon: "chat" | "queue" | "settings" | "inbox" | "reply" | "chart" | "ticket"; label: "nav.chats" | "nav.queue" | "nav.admin" | "nav.stats" | "nav.leave" | "nav.replies" | "nav.tickets"; only?: "admin" | "agent" }[] = [
  { view: "chats", icon: "chat", label: "nav.chats" },
  { view: "queue", icon: "queue", label: "nav.queue" },
  { view: "tickets", icon: "ticket", label: "nav.tickets" },
  { view: "admin", icon: "settings", label: "nav.admin", only: "admin" },
  { view: "stats", icon: "chart", label: "nav.stats" },
  { view: "replies", icon: "reply", label: "nav.replies", only: "agent" },
  { view: "leave", icon: "inbox", label: "nav.leave" },
];

/** 会话 / 排队 / 工单 / 管理 (admins) or 快捷回复 (agents) / 数据 (agents: their own) / 留言, with the waiting count and my new chats as badges. */
export function NavRail({ ws, isAdmin }: { ws: WorkspaceModel; isAdmin: boolean }) {
  const current = ws.view.value;
  const waiting = ws.queue.snapshot.value?.waiting.length ?? 0;
  const fresh = ws.queue.myChats.value.filter((c) => c.fresh).length;
  const badge: Partial<Record<View, number>> = { queue: waiting, chats: fresh };
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
          {(badge[i.view] ?? 0) > 0 && <span class="nav-badge">{badge[i.view]! > 99 ? "99+" : badge[i.view]}</span>}
        </button>
      ))}
    </nav>
  );
}
