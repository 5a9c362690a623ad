import { t } from "../common/i18n";
import { Icon } from "../common/ui/Icon";
import type { View } from "../models/route";
import type { WorkspaceModel } from "../models/workspace";

const ITEMS: { view: View; icon: "chat" | "queue" | "settings" | "inbox"; label: "nav.chats" | "nav.queue" | "nav.admin" | "nav.leave"; admin?: boolean }[] = [
  { view: "chats", icon: "chat", label: "nav.chats" },
  { view: "queue", icon: "queue", label: "nav.queue" },
  { view: "admin", icon: "settings", label: "nav.admin", admin: true },
  { view: "leave", icon: "inbox", label: "nav.leave" },
];

/** 会话 / 排队 / 管理 (admins) / 留言, with the waiting count and my new chats as badges. */
export function NavRail({ ws, isAdmin }: { ws: WorkspaceModel; isAdmin: boolean }) {
  const current = ws.view.value;
  const waiting = ws.queue.snapshot.value?.waiting.length ?? 0;
  const fresh = ws.queue.myChats.value.filter((c) => c.fresh).length;
  const badge: Partial<Record<View, number>> = { queue: waiting, chats: fresh };
  return (
    <nav class="nav-rail" aria-label={t("nav.label")}>
      {ITEMS.filter((i) => !i.admin || isAdmin).map((i) => (
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
