import type { StaffSessionView } from "../../../core/protocol";
import { deviceName } from "../common/device-name";
import { formatTime, t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import type { SessionsModel } from "../models/sessions";

function SessionRow({ model, session }: { model: SessionsModel; session: StaffSessionView }) {
  return (
    <li class="session-row" data-testid="session-row" data-current={String(session.current)}>
      <div class="session-main">
        <p class="session-device" title={session.userAgent ?? undefined}>
          <strong data-testid="session-device">{deviceName(session.userAgent)}</strong>
          {session.current && <span class="badge badge-active">{t("sessions.current")}</span>}
        </p>
        <p class="muted">
          {session.address ?? t("sessions.unknownAddress")} · {t("sessions.loggedIn", { time: formatTime(session.createdAt) })} ·{" "}
          {t("sessions.lastSeen", { time: formatTime(session.lastSeenAt) })}
        </p>
      </div>
      {!session.current && (
        <button type="button" class="btn btn-outline btn-small" data-testid="session-end" disabled={model.busy.value} onClick={() => void model.endOne(session.id)}>
          {t("sessions.end")}
        </button>
      )}
    </li>
  );
}

/** 登录设备: where this account is logged in now, with a way to log any other place out. */
export function SessionsCard({ model }: { model: SessionsModel }) {
  const list = model.sessions.value;
  const others = list?.filter((s) => !s.current).length ?? 0;
  return (
    <section class="account-card" data-testid="sessions-card">
      <h2>{t("sessions.title")}</h2>
      <p class="muted">{t("sessions.about")}</p>
      {model.error.value && <ErrorNote error={model.error.value} />}
      {model.ended.value !== null && (
        <p class="info-note" role="status" data-testid="sessions-note">
          {t("sessions.ended", { n: model.ended.value })}
        </p>
      )}
      {list === null ? (
        !model.error.value && <p class="muted">{t("sessions.loading")}</p>
      ) : (
        <ul class="session-list">
          {list.map((s) => (
            <SessionRow key={s.id} model={model} session={s} />
          ))}
        </ul>
      )}
      <button type="button" class="btn btn-outline" data-testid="sessions-end-others" disabled={model.busy.value || others === 0} onClick={() => void model.endOthers()}>
        {t("sessions.endOthers")}
      </button>
    </section>
  );
}
