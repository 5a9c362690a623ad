import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../common/i18n";
import { lockMinutes } from "../common/field-errors";
import { ErrorNote } from "../common/ui/ErrorNote";
import { LangSwitch } from "../common/ui/LangSwitch";
import type { AuthModel } from "../models/auth";
import { Logo } from "../common/ui/Logo";

export function LoginForm({ auth }: { auth: AuthModel }) {
  const email = useSignal("");
  const password = useSignal("");
  const code = useSignal("");
  const busy = auth.busy.value;
  const askingCode = auth.needsCode.value;
  const codeInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (askingCode) codeInput.current?.focus();
  }, [askingCode]);
  return (
    <main class="login-page">
      <div class="login-lang">
        <LangSwitch />
      </div>
      <form
        class="login-card"
        onSubmit={(e) => {
          e.preventDefault();
          void auth.login(email.value, password.value, askingCode ? code.value : undefined);
        }}
      >
        <div class="brand brand-large">
          <Logo />
          {t("app.console")}
        </div>
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("login.subtitle")}</p>
        {auth.expired.value && !auth.error.value && <p class="info-note">{t("login.expired")}</p>}
        {auth.error.value?.code === "unauthorized" || auth.error.value?.code === "two_factor_wrong" || auth.error.value?.code === "locked" || auth.error.value?.code === "forbidden" ? (
          <p class="error-note" role="alert" data-testid="error-note" data-code={auth.error.value.code}>
            {loginErrorText(auth.error.value.code, auth.error.value.details)}
          </p>
        ) : (
          auth.error.value && <ErrorNote error={auth.error.value} />
        )}
        {askingCode ? (
          <>
            <p class="info-note" data-testid="login-code-hint">
              {t("login.codeHint")}
            </p>
            <label class="field">
              <span>{t("login.code")}</span>
              <input
                type="text"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                maxLength={20}
                data-testid="login-code"
                value={code.value}
                onInput={(e) => (code.value = e.currentTarget.value)}
                ref={codeInput}
              />
            </label>
          </>
        ) : (
          <>
            <label class="field">
              <span>{t("login.email")}</span>
              <input type="email" name="email" autoComplete="username" required data-testid="login-email" value={email.value} onInput={(e) => (email.value = e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t("login.password")}</span>
              <input type="password" name="password" autoComplete="current-password" required data-testid="login-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
            </label>
          </>
        )}
        <button type="submit" class="btn btn-primary btn-block" data-testid="login-submit" disabled={busy}>
          {t(busy ? "login.submitting" : "login.submit")}
        </button>
        {askingCode && (
          <button
            type="button"
            class="link-btn login-back"
            onClick={() => {
              code.value = "";
              password.value = "";
              auth.cancelCode();
            }}
          >
            {t("login.back")}
          </button>
        )}
      </form>
    </main>
  );
}

/** The login form's words for a refused login. */
function loginErrorText(code: string, details: unknown): string {
  if (code === "locked") return t("login.locked", { min: lockMinutes(details) });
  if (code === "forbidden") return t("login.disabled");
  if (code === "two_factor_wrong") return t("login.codeWrong");
  return t("login.failed");
}
