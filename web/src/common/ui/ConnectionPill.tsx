import type { ConnectionStatus } from "../../models/conversation-state";
import { t } from "../i18n";

/**
 * A socket's state, always on screen: agents and shoppers must know when they are offline.
 * `label` names which connection it is when a screen shows more than one.
 */
export function ConnectionPill({ status, testId = "connection-status", label }: { status: ConnectionStatus; testId?: string; label?: string }) {
  return (
    <span class={`pill pill-${status}`} role="status" data-testid={testId} data-state={status} title={label}>
      <span class="pill-dot" aria-hidden="true" />
      {label && <span class="visually-hidden">{label}: </span>}
      {t(`conn.${status}`)}
    </span>
  );
}
