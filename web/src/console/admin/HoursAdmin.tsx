import { t } from "../../common/i18n";
import { errorAt } from "../../common/field-errors";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { WEEKDAYS } from "../../../../core/domain/routing";
import type { HoursModel } from "../../models/admin-hours";
import { FieldError } from "./FieldError";

/** Zones a mall's shops commonly serve from; any other IANA zone can be typed. */
const ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "UTC"];

/** 服务时间: the shop's zone and each weekday's opening intervals. */
export function HoursAdmin({ hours }: { hours: HoursModel }) {
  const draft = hours.draft.value;
  const loadError = hours.loadError.value;
  if (loadError) return <ErrorNote error={loadError} />;
  if (!draft) return <p class="empty-hint">{t("admin.loading")}</p>;
  const errs = hours.fields.value;
  const error = hours.error.value;
  return (
    <section class="hours-admin" data-testid="hours-admin">
      <p class="muted rules-hint">{t("hours.hint")}</p>
      {hours.serviceEmail.value && (
        <p class="muted rules-hint" data-testid="hours-mailbox">
          {t("hours.mailbox")} <strong>{hours.serviceEmail.value}</strong>
        </p>
      )}
      <div class="hours-zone">
        <label>
          {t("hours.timeZone")}
          <input class="hours-zone-input" list="hours-zones" value={draft.timeZone} data-testid="hours-zone" aria-invalid={!!errs["hours.timeZone"]} onInput={(e) => hours.setTimeZone(e.currentTarget.value)} />
        </label>
        <datalist id="hours-zones">
          {ZONES.map((z) => <option key={z} value={z} />)}
        </datalist>
        {hours.openNow.value !== null && (
          <span class={`badge ${hours.openNow.value ? "badge-active" : "badge-ended"}`} data-testid="hours-open-now">
            {t(hours.openNow.value ? "hours.openNow" : "hours.closedNow")}
          </span>
        )}
        <FieldError message={errs["hours.timeZone"]} />
      </div>
      <table class="data-table admin-table hours-table">
        <tbody>
          {WEEKDAYS.map((day) => {
            const list = draft.weekly[day];
            return (
              <tr key={day} data-testid="hours-day" data-day={day}>
                <th scope="row">{t(`weekday.${day}`)}</th>
                <td>
                  {list.length === 0 && <span class="muted" data-testid="hours-closed">{t("hours.closed")}</span>}
                  {list.map(([from, to], i) => {
                    const invalid = errorAt(errs, `hours.weekly.${day}.${i}`);
                    return (
                      <div class="hours-interval" key={i}>
                        <input class="hours-time" value={from} maxLength={5} inputMode="numeric" placeholder="09:00" aria-label={t("hours.from")} aria-invalid={!!invalid} data-testid="hours-from" onInput={(e) => hours.editInterval(day, i, 0, e.currentTarget.value)} />
                        <span>–</span>
                        <input class="hours-time" value={to} maxLength={5} inputMode="numeric" placeholder="18:00" aria-label={t("hours.to")} aria-invalid={!!invalid} data-testid="hours-to" onInput={(e) => hours.editInterval(day, i, 1, e.currentTarget.value)} />
                        <button type="button" class="btn btn-ghost btn-small" aria-label={t("hours.removeInterval")} title={t("hours.removeInterval")} data-testid="hours-remove" onClick={() => hours.removeInterval(day, i)}>
                          ×
                        </button>
                        <FieldError message={invalid} />
                      </div>
                    );
                  })}
                  <FieldError message={errs[`hours.weekly.${day}`]} />
                </td>
                <td class="hours-actions">
                  <button type="button" class="btn btn-outline btn-small" data-testid="hours-add" disabled={list.length >= 6} onClick={() => hours.addInterval(day)}>
                    {t("hours.addInterval")}
                  </button>
                  <button type="button" class="btn btn-ghost btn-small" data-testid="hours-copy" onClick={() => hours.copyToAll(day)}>
                    {t("hours.copyToAll")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="muted">{t("hours.format")}</p>
      <div class="rules-bar">
        <button type="button" class="btn btn-primary" data-testid="hours-save" disabled={!hours.dirty.value || hours.saving.value} onClick={() => void hours.save()}>
          {t(hours.saving.value ? "admin.saving" : "hours.save")}
        </button>
        {hours.dirty.value && (
          <button type="button" class="btn btn-ghost btn-small" data-testid="hours-reset" onClick={() => hours.reset()}>
            {t("rules.reset")}
          </button>
        )}
        {hours.justSaved.value && !hours.dirty.value && <span class="ok-note" data-testid="hours-saved">{t("admin.saved")}</span>}
      </div>
      {error && Object.keys(errs).length === 0 && <ErrorNote error={error} />}
    </section>
  );
}
