import { useModel } from "@preact/signals";
import type { StaffProfile } from "../common/api-types";
import { t } from "../common/i18n";
import { LangSwitch } from "../common/ui/LangSwitch";
import type { AuthModel } from "../models/auth";
import { WorkspaceModel } from "../models/workspace";
import { ConversationPane } from "./ConversationPane";
import { ThreadList } from "./ThreadList";
import { Logo } from "../common/ui/Logo";

export function Workspace({ auth, staff, token }: { auth: AuthModel; staff: StaffProfile; token: string }) {
  const ws = useModel(() => new WorkspaceModel({ token, staff, onUnauthorized: () => auth.expire() }));
  return (
    <div class="console">
      <header class="topbar">
        <div class="brand">
          <Logo />
          {t("app.console")}
        </div>
        <div class="topbar-right">
          <span class="who" data-testid="staff-name">
            <strong>{staff.name}</strong>
            <span class="muted">
              {t(`staffRole.${staff.role}`)} · {staff.shopId}
            </span>
          </span>
          <LangSwitch />
          <button type="button" class="btn btn-ghost btn-small" data-testid="logout-button" onClick={() => void auth.logout()}>
            {t("header.logout")}
          </button>
        </div>
      </header>
      <div class="console-main">
        <ThreadList ws={ws} />
        <ConversationPane ws={ws} staffId={staff.id} />
      </div>
    </div>
  );
}
