/**
 * The proactive service's settings from the environment (`PROACTIVE_DAILY_CAP`,
 * `PROACTIVE_QUIET_HOURS`), validated; a bad value falls back to the default and says so.
 */
import * as v from "valibot";
import { DailyCapSetting, QuietHoursSetting, type QuietHours } from "../../../core/domain/proactive";

export interface ProactiveSettings {
  dailyCap: number;
  quietHours: QuietHours | null;
}

export const DEFAULT_SETTINGS: ProactiveSettings = { dailyCap: 5, quietHours: { from: "22:00", to: "08:00" } };

/** Reads the settings; `env` may be any object carrying the two variables. */
export function proactiveSettings(env: { PROACTIVE_DAILY_CAP?: string; PROACTIVE_QUIET_HOURS?: string }): ProactiveSettings {
  const cap = v.safeParse(DailyCapSetting, env.PROACTIVE_DAILY_CAP ?? "");
  const quiet = v.safeParse(QuietHoursSetting, env.PROACTIVE_QUIET_HOURS ?? "22:00-08:00");
  if (env.PROACTIVE_DAILY_CAP !== undefined && !cap.success) console.error("PROACTIVE_DAILY_CAP is not a whole number; using", DEFAULT_SETTINGS.dailyCap);
  if (!quiet.success) console.error("PROACTIVE_QUIET_HOURS is not HH:MM-HH:MM or off; using 22:00-08:00");
  return { dailyCap: cap.success ? cap.output : DEFAULT_SETTINGS.dailyCap, quietHours: quiet.success ? quiet.output : DEFAULT_SETTINGS.quietHours };
}
