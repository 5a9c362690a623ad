/** Article field names (as the API and import errors name them) in the UI language. */
import { t, type MessageKey } from "../../common/i18n";

const LABELS: Record<string, MessageKey> = {
  id: "kb.id", kind: "kb.kind", status: "kb.status", question: "kb.question", altQuestions: "kb.phrasings", answer: "kb.answer",
  tags: "kb.tags", category: "kb.category", productId: "kb.product", validFrom: "kb.validFrom", validTo: "kb.validTo",
};

/** `altQuestions.2` → "相似问法 #3"; unknown fields show as sent. */
export function fieldLabel(field: string): string {
  if (!field) return t("kb.wholeRow");
  const [head = "", index] = field.split(".");
  const key = LABELS[head];
  if (!key) return field;
  return index !== undefined && /^\d+$/.test(index) ? `${t(key)} #${Number(index) + 1}` : t(key);
}
