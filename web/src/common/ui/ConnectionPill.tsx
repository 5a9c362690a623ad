import type { ConnectionStatus } from "../../models/conversation-state";
import { t } from "../i18n";

/** The socket's state, always on screen: agents and shoppers must know when they are offline. */
export function ConnectionPill({ status }: { status: ConnectionStatus }) {
  return (
    <span class={`pill pill-${status}`} role="status" data-testid="connection-status" data-state={status}>
      <span class="pill-dot" aria-hidden="true" />
      {t(`conn.${status}`)}
    </span>
  );
}
