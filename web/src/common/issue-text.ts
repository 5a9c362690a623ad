/**
 * The server's messages (validation messages of the protocol's valibot schemas, and the queue's
 * refusals), written in English, in the UI language. Known shapes are translated; anything else
 * is shown as the server wrote it.
 */
import { t, type MessageKey } from "./i18n";

type Rule = [RegExp, (m: RegExpExecArray) => string];

const n = (key: MessageKey, params: Record<string, string | number>) => t(key, params);

const RULES: Rule[] = [
  [/^must list at least one value/, () => t("issue.emptyList")],
  [/^must list at most (\d+) values/, (m) => n("issue.maxItems", { n: m[1]! })],
  [/^must be at least (\d+)/, (m) => n("issue.min", { n: m[1]! })],
  [/^must be at most (\d+) characters/, (m) => n("issue.maxChars", { n: m[1]! })],
  [/^must be at most (\d+)/, (m) => n("issue.max", { n: m[1]! })],
  [/^must be (\d+)-(\d+)$/, (m) => n("issue.range", { a: m[1]!, b: m[2]! })],
  [/^Invalid value: Expected >=(\d+)/, (m) => n("issue.min", { n: m[1]! })],
  [/^Invalid value: Expected <=(\d+)/, (m) => n("issue.max", { n: m[1]! })],
  [/^must not be empty/, () => t("issue.empty")],
  [/^(must be a number|Invalid type: Expected number)/, () => t("issue.number")],
  [/^(must be an integer|Invalid integer)/, () => t("issue.integer")],
  [/^from and to must differ/, () => t("issue.timeWindow")],
  [/cannot fall back to itself/, () => t("issue.selfFallback")],
  [/^duplicates rule (\d+)/, (m) => n("issue.duplicate", { n: Number(m[1]) + 1 })],
  [/^you already have (\d+) of (\d+) chats/, (m) => n("issue.capacity", { load: m[1]!, capacity: m[2]! })],
  [/^this session is no longer waiting/, () => t("issue.notWaiting")],
  [/^this session is not assigned/, () => t("issue.notAssigned")],
  [/^(.+) is offline$/, (m) => n("issue.agentOffline", { name: m[1]! })],
  [/^only the assigned agent or an admin can transfer/, () => t("issue.transferForbidden")],
];

/** One field message in the UI language. */
export function issueText(message: string): string {
  for (const [re, text] of RULES) {
    const m = re.exec(message);
    if (m) return text(m);
  }
  return message;
}
