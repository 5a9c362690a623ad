import { errorAt } from "../common/field-errors";
import { t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import type { PasswordModel } from "../models/password";
import { FieldError } from "./admin/FieldError";

type Field = "current" | "next" | "again";
const SERVER_FIELD: Record<Field, string> = { current: "currentPassword", next: "newPassword", again: "again" };

/** 登录密码: the current password, the new one twice; other sessions end when it changes. */
export function PasswordCard({ model }: { model: PasswordModel }) {
  const errs = model.fields.value;
  const locked = model.lockedMinutes.value;
  const named = Object.keys(errs).length > 0;
  const input = (field: Field, autoComplete: string) => (
    <label class="field">
      <span>{t(`password.${field}`)}</span>
      <input
        type="password"
        autoComplete={autoComplete}
        data-testid={`password-${field}`}
        value={model[field].value}
        aria-invalid={!!errorAt(errs, SERVER_FIELD[field]) || (field === "current" && locked !== null)}
        onInput={(e) => (model[field].value = e.currentTarget.value)}
      />
      <FieldError message={errorAt(errs, SERVER_FIELD[field])} testId={`password-${field}-error`} />
      {field === "current" && locked !== null && (
        <span class="field-error" role="alert" data-testid="password-current-error">
          {t("login.locked", { min: locked })}
        </span>
      )}
    </label>
  );
  return (
    <section class="account-card" data-testid="password-card">
      <h2>{t("password.title")}</h2>
      <p class="muted">{t("password.about")}</p>
      {model.error.value && !named && locked === null && <ErrorNote error={model.error.value} />}
      {model.changed.value !== null && (
        <p class="info-note" role="status" data-testid="password-changed">
          {t("password.changed")}
          {model.changed.value > 0 && ` ${t("twoFactor.otherSessionsEnded", { n: model.changed.value })}`}
        </p>
      )}
      <form class="password-form" onSubmit={(e) => (e.preventDefault(), void model.submit())}>
        {input("current", "current-password")}
        {input("next", "new-password")}
        {input("again", "new-password")}
        <button type="submit" class="btn btn-primary" disabled={model.busy.value} data-testid="password-submit">
          {t("password.submit")}
        </button>
      </form>
    </section>
  );
}
