import type { CustomerLevel } from "../../../../core/protocol";
import { t } from "../i18n";

export function LevelBadge({ level }: { level: CustomerLevel }) {
  return <span class={`badge badge-level-${level}`}>{t(`level.${level}`)}</span>;
}
