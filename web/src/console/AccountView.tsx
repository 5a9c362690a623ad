import { t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import { QrCode } from "../common/ui/QrCode";
import type { StaffProfile } from "../common/api-types";
import type { PasswordModel } from "../models/password";
import type { SessionsModel } from "../models/sessions";
import type { TwoFactorModel } from "../models/two-factor";
import { PasswordCard } from "./PasswordCard";
import { SessionsCard } from "./SessionsCard";

/** The secret in groups of four, as it is easiest to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

/** The words for a refusal under the password field, or null when it is not about it. */
function passwordError(model: TwoFactorModel): string | null {
  const r = model.refusal.value;
  if (r?.at !== "password") return null;
  if (r.why === "locked") return t("login.locked", { min: r.minutes });
  return t(r.why === "wrong" ? "issue.wrongPassword" : "twoFactor.passwordRequired");
}

/** The words for a refusal under the code field, or null when it is not about it. */
function codeError(model: TwoFactorModel): string | null {
  const r = model.refusal.value;
  if (r?.at !== "code") return null;
  return t(r.why === "expired" ? "twoFactor.expired" : "twoFactor.wrongCode");
}

function CodeForm({ model, label, submit, onSubmit, testId }: { model: TwoFactorModel; label: string; submit: string; onSubmit: () => void; testId: string }) {
  const wrong = codeError(model);
  return (
    <form class="two-factor-code" data-testid={testId} onSubmit={(e) => (e.preventDefault(), onSubmit())}>
      <label class="field">
        <span>{label}</span>
        <input
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={20}
          data-testid="two-factor-code"
          value={model.code.value}
          aria-invalid={!!wrong}
          onInput={(e) => (model.code.value = e.currentTarget.value)}
        />
      </label>
      {wrong && (
        <p class="field-error" role="alert" data-testid="two-factor-error">
          {wrong}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={model.busy.value} data-testid={`${testId}-submit`}>
        {submit}
      </button>
    </form>
  );
}

/** Recovery codes, shown once after turning on: copy them, then say they are saved. */
function RecoveryCodes({ model, codes }: { model: TwoFactorModel; codes: string[] }) {
  return (
    <div class="recovery-codes" data-testid="recovery-codes">
      <h3>{t("twoFactor.recoveryTitle")}</h3>
      <p class="muted">{t("twoFactor.recoveryAbout")}</p>
      <ol>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div class="recovery-actions">
        <button type="button" class="btn btn-ghost" onClick={() => void navigator.clipboard?.writeText(codes.join("\n"))}>
          {t("twoFactor.copy")}
        </button>
        <button type="button" class="btn btn-primary" data-testid="recovery-saved" onClick={() => model.savedRecoveryCodes()}>
          {t("twoFactor.saved")}
        </button>
      </div>
    </div>
  );
}

/**
 * 账号安全: who is logged in, their two-factor login (on, off, set up, turn off) and, given
 * `password` and `sessions` models, their password and where they are logged in (neither on the
 * setup gate, whose session may only set up two-factor login).
 */
export function AccountView({ model, password, sessions, staff }: { model: TwoFactorModel; password?: PasswordModel; sessions?: SessionsModel; staff: StaffProfile }) {
  const status = model.status.value;
  const setup = model.setup.value;
  const codes = model.recoveryCodes.value;
  const other = model.error.value && !model.refusal.value ? model.error.value : null;
  return (
    <main class="page account-page" data-testid="account-view">
      <header class="page-head">
        <h1>{t("account.title")}</h1>
      </header>
      <section class="account-card">
        <p>
          <strong>{staff.name}</strong> <span class="muted">{staff.email}</span>
        </p>
      </section>
      <section class="account-card" data-testid="two-factor" data-enabled={status ? String(status.enabled) : undefined}>
        <h2>
          {t("twoFactor.title")}
          {status && (
            <span class={`badge ${status.enabled ? "badge-active" : "badge-ended"}`} data-testid="two-factor-state">
              {t(status.enabled ? "twoFactor.on" : "twoFactor.off")}
            </span>
          )}
        </h2>
        <p class="muted">{t("twoFactor.about")}</p>
        {other && <ErrorNote error={other} />}
        {model.done.value && !codes && (
          <p class="info-note" role="status">
            {t(model.done.value === "on" ? "twoFactor.turnedOn" : "twoFactor.turnedOff")}
            {model.done.value === "on" && model.otherSessionsEnded.value > 0 && ` ${t("twoFactor.otherSessionsEnded", { n: model.otherSessionsEnded.value })}`}
          </p>
        )}
        {codes && <RecoveryCodes model={model} codes={codes} />}
        {status && !status.enabled && !setup && (
          <form class="two-factor-code" data-testid="two-factor-start-form" onSubmit={(e) => (e.preventDefault(), void model.start())}>
            <label class="field">
              <span>{t("twoFactor.password")}</span>
              <input
                type="password"
                autoComplete="current-password"
                data-testid="two-factor-password"
                value={model.password.value}
                aria-invalid={!!passwordError(model)}
                onInput={(e) => (model.password.value = e.currentTarget.value)}
              />
            </label>
            {passwordError(model) && (
              <p class="field-error" role="alert" data-testid="two-factor-error">
                {passwordError(model)}
              </p>
            )}
            <button type="submit" class="btn btn-primary" data-testid="two-factor-start" disabled={model.busy.value}>
              {t("twoFactor.start")}
            </button>
          </form>
        )}
        {setup && (
          <div class="two-factor-setup" data-testid="two-factor-setup">
            <p>{t("twoFactor.scan")}</p>
            <div class="two-factor-scan">
              <QrCode text={setup.uri} label={t("twoFactor.qrLabel")} testId="two-factor-qr" />
              <code class="two-factor-secret" data-testid="two-factor-secret">
                {grouped(setup.secret)}
              </code>
            </div>
            <CodeForm model={model} label={t("twoFactor.code")} submit={t("twoFactor.confirm")} onSubmit={() => void model.enable()} testId="two-factor-enable" />
            <button type="button" class="link-btn" onClick={() => model.cancel()}>
              {t("twoFactor.cancel")}
            </button>
          </div>
        )}
        {status?.enabled && !codes && (
          <div class="two-factor-on">
            <p data-testid="recovery-left">{t("twoFactor.recoveryLeft", { n: status.recoveryCodesLeft })}</p>
            {status.required ? (
              <p class="muted" data-testid="two-factor-required-note">
                {t("twoFactor.requiredByShop")}
              </p>
            ) : (
              <>
                <p class="muted">{t("twoFactor.disableAbout")}</p>
                <CodeForm model={model} label={t("twoFactor.disableCode")} submit={t("twoFactor.disable")} onSubmit={() => void model.disable()} testId="two-factor-disable" />
              </>
            )}
          </div>
        )}
      </section>
      {password && <PasswordCard model={password} />}
      {sessions && <SessionsCard model={sessions} />}
    </main>
  );
}
