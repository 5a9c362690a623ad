import { lang, setLang, t } from "../i18n";

/** Toggles zh-CN ⇄ en; the choice is remembered in localStorage. */
export function LangSwitch() {
  const next = lang.value === "en" ? "zh-CN" : "en";
  return (
    <button type="button" class="btn btn-ghost btn-small" data-testid="lang-switch" aria-label={t("lang.switchLabel")} lang={next} onClick={() => setLang(next)}>
      {t("lang.switch")}
    </button>
  );
}
