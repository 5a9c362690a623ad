/**
 * A login's browser as people name their device ("Chrome 131 · Windows"); the parts the
 * User-Agent does not tell are left out, an unknown browser said so.
 */
import { describeUserAgent } from "../../../core/lib/user-agent";
import { t } from "./i18n";

export function deviceName(userAgent: string | null): string {
  const { browser, os } = describeUserAgent(userAgent);
  return [browser ?? t("sessions.unknownBrowser"), os].filter(Boolean).join(" · ");
}
