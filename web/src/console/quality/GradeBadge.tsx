import type { QualityGrade } from "../../../../core/domain/quality";
import { t } from "../../common/i18n";

/** "72 分 · 合格": a review's total and grade, coloured by grade. */
export function GradeBadge({ total, grade }: { total: number; grade: QualityGrade }) {
  return (
    <span class={`qa-grade qa-grade-${grade}`} data-testid="quality-grade" data-total={total}>
      {t("quality.score", { total })} · {t(`quality.grade.${grade}`)}
    </span>
  );
}
