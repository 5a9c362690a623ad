import { useModel } from "@preact/signals";
import type { StaffProfile } from "../common/api-types";
import { t } from "../common/i18n";
import { ConnectionPill } from "../common/ui/ConnectionPill";
import type { AuthModel } from "../models/auth";
import { WorkspaceModel } from "../models/workspace";
import { AccountView } from "./AccountView";
import { AdminView } from "./admin/AdminView";
import { AnalyticsView } from "./analytics/AnalyticsView";
import { ConversationPane } from "./ConversationPane";
import { CannedAdmin } from "./kb/CannedAdmin";
import { LeaveMessagesView } from "./LeaveMessagesView";
import { MyChats } from "./MyChats";
import { NavRail } from "./NavRail";
import { NotifyButton } from "./NotifyButton";
import { ProactiveView } from "./proactive/ProactiveView";
import { QualityView } from "./quality/QualityView";
import { QueueView } from "./queue/QueueView";
import { StatusSwitch } from "./StatusSwitch";
import { ThreadList } from "./ThreadList";
import { TicketsView } from "./tickets/TicketsView";
import { Toasts } from "./Toasts";
import { SessionControls, StaffLabel, TopbarBrand } from "./Topbar";

export function Workspace({ auth, staff, token }: { auth: AuthModel; staff: StaffProfile; token: string }) {
  const ws = useModel(() => new WorkspaceModel({ token, staff, onUnauthorized: () => auth.expire(token), onSetupRequired: () => void auth.recheck(), onLoggedOut: () => void auth.logout() }));
  const view = ws.view.value;
  const isAdmin = staff.role === "shop_admin" || staff.role === "platform_admin";
  return (
    // Browsers keep audio locked until the page is used; the first click unlocks the chime.
    <div class="console" onPointerDown={() => ws.notifier.unlock()}>
      <header class="topbar">
        <TopbarBrand />
        <div class="topbar-right">
          <StatusSwitch queue={ws.queue} />
          <ConnectionPill status={ws.queue.connection.value} testId="queue-connection" label={t("queueConn.label")} />
          <NotifyButton notifier={ws.notifier} />
          <button type="button" class={`who${view === "account" ? " active" : ""}`} data-testid="staff-name" title={t("header.account")} onClick={() => ws.go("account")}>
            <StaffLabel staff={staff} />
          </button>
          <SessionControls auth={auth} />
        </div>
      </header>
      <div class="console-body">
        <NavRail ws={ws} isAdmin={isAdmin} />
        {view === "chats" && (
          <div class="console-main">
            <div class="thread-column">
              <MyChats ws={ws} />
              <ThreadList ws={ws} />
            </div>
            <ConversationPane ws={ws} staff={staff} />
          </div>
        )}
        {view === "queue" && <QueueView ws={ws} staff={staff} />}
        {view === "admin" && isAdmin && <AdminView admin={ws.admin} />}
        {view === "proactive" && isAdmin && <ProactiveView model={ws.proactive} />}
        {view === "stats" && <AnalyticsView model={ws.analytics} onOpen={(id) => ws.select(id)} />}
        {view === "replies" && !isAdmin && (
          <main class="page" data-testid="replies-view">
            <header class="page-head">
              <h1>{t("nav.replies")}</h1>
            </header>
            <CannedAdmin model={ws.canned} />
          </main>
        )}
        {view === "account" && <AccountView model={ws.twoFactor} password={ws.password} sessions={ws.sessions} staff={staff} />}
        {view === "quality" && <QualityView model={ws.quality} onOpenSession={(threadId, sessionId) => ws.openSession(threadId, sessionId)} />}
        {view === "leave" && <LeaveMessagesView model={ws.leaveMessages} ws={ws} onOpen={(id) => ws.select(id)} />}
        {view === "tickets" && <TicketsView model={ws.tickets} me={{ id: staff.id, name: staff.name }} onOpenChat={(id) => ws.select(id)} />}
      </div>
      <Toasts toasts={ws.toasts} />
    </div>
  );
}
