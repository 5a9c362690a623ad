import { useSignal } from "@preact/signals";
import { t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import { LangSwitch } from "../common/ui/LangSwitch";
import type { AuthModel } from "../models/auth";
import { Logo } from "../common/ui/Logo";

export function LoginForm({ auth }: { auth: AuthModel }) {
  const email = useSignal("");
  const password = useSignal("");
  const busy = auth.busy.value;
  return (
    <main class="login-page">
      <div class="login-lang">
        <LangSwitch />
      </div>
      <form
        class="login-card"
        onSubmit={(e) => {
          e.preventDefault();
          void auth.login(email.value, password.value);
        }}
      >
        <div class="brand brand-large">
          <Logo />
          {t("app.console")}
        </div>
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("login.subtitle")}</p>
        {auth.expired.value && !auth.error.value && <p class="info-note">{t("login.expired")}</p>}
        {auth.error.value?.code === "unauthorized" || auth.error.value?.code === "locked" || auth.error.value?.code === "forbidden" ? (
          <p class="error-note" role="alert" data-testid="error-note" data-code={auth.error.value.code}>
            {auth.error.value.code === "locked" ? t("login.locked", { min: lockMinutes(auth.error.value.details) }) : auth.error.value.code === "forbidden" ? t("login.disabled") : t("login.failed")}
          </p>
        ) : (
          auth.error.value && <ErrorNote error={auth.error.value} />
        )}
        <label class="field">
          <span>{t("login.email")}</span>
          <input type="email" name="email" autoComplete="username" required data-testid="login-email" value={email.value} onInput={(e) => (email.value = e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t("login.password")}</span>
          <input type="password" name="password" autoComplete="current-password" required data-testid="login-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
          {t(busy ? "login.submitting" : "login.submit")}
        </button>
      </form>
    </main>
  );
}

/** Whole minutes left of a login lock (`details.retryAfterSec` of a 423), at least one. */
function lockMinutes(details: unknown): number {
  const sec = (details as { retryAfterSec?: unknown } | undefined)?.retryAfterSec;
  return typeof sec === "number" && sec > 0 ? Math.ceil(sec / 60) : 1;
}
