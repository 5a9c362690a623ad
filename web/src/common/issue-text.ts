/**
 * The server's messages (validation messages of the protocol's valibot schemas, and the queue's
 * refusals), written in English, in the UI language. Known shapes are translated; anything else
 * is shown as the server wrote it.
 */
import { t, type MessageKey } from "./i18n";
import { zhProactivePage } from "./locales/zh-CN-proactive";
import { zhTickets } from "./locales/zh-CN-tickets";

type Rule = [RegExp, (m: RegExpExecArray) => string];

const n = (key: MessageKey, params: Record<string, string | number>) => t(key, params);
/** A ticket status or priority the server names (`in_progress`, `high`) in the UI language. */
function ticketValue(s: string): string {
  for (const prefix of ["tickets.status.", "tickets.priority."]) if (`${prefix}${s}` in zhTickets) return t(`${prefix}${s}` as MessageKey);
  return s;
}
/** A campaign status the server names (`sent`) in the UI language. */
function campaignStatus(s: string): string {
  const key = `campaigns.status.${s}`;
  return key in zhProactivePage ? t(key as MessageKey) : s;
}

const RULES: Rule[] = [
  [/^Invalid key: Expected "\w+" but received undefined/, () => t("issue.required")],
  [/^a promotion needs validFrom and validTo/, () => t("issue.promotionWindow")],
  [/^must be after validFrom/, () => t("issue.afterFrom")],
  [/^must be a date \(/, () => t("issue.date")],
  [/^must be one of platform_rule/, () => t("issue.kind")],
  [/^must be draft or published/, () => t("issue.status")],
  [/^must be 1-32 letters, digits, '_' or '-' \(a leading/, () => t("issue.shortcut")],
  [/^must be 1-48 letters, digits/, () => t("issue.articleId")],
  [/^shortcut \/(\S+) is already used/, (m) => n("issue.shortcutTaken", { s: m[1]! })],
  [/^appears twice in this upload/, () => t("issue.idTwice")],
  [/^belongs to no article of this shop/, () => t("issue.idForeign")],
  [/^must have at most (\d+)/, (m) => n("issue.maxItems", { n: m[1]! })],
  [/^must list at least one value/, () => t("issue.emptyList")],
  [/^must list at most (\d+) values/, (m) => n("issue.maxItems", { n: m[1]! })],
  [/^must be at least (\d+) characters/, (m) => n("issue.minChars", { n: m[1]! })],
  [/^must be at least (\d+)/, (m) => n("issue.min", { n: m[1]! })],
  [/^must be an e-mail address/, () => t("issue.email")],
  [/^an account with this e-mail exists already/, () => t("issue.emailTaken")],
  [/^must be (shop_agent or shop_admin|platform_agent or platform_admin) in this shop/, () => t("issue.roleForShop")],
  [/^must be at most (\d+) days ahead/, (m) => n("issue.daysAhead", { n: m[1]! })],
  [/^must be at most (\d+) characters/, (m) => n("issue.maxChars", { n: m[1]! })],
  [/^must be at most (\d+)/, (m) => n("issue.max", { n: m[1]! })],
  [/^must be (\d+)-(\d+)$/, (m) => n("issue.range", { a: m[1]!, b: m[2]! })],
  [/^Invalid value: Expected >=(\d+)/, (m) => n("issue.min", { n: m[1]! })],
  [/^Invalid value: Expected <=(\d+)/, (m) => n("issue.max", { n: m[1]! })],
  [/^must not be empty/, () => t("issue.empty")],
  [/^is not this account's password/, () => t("issue.wrongPassword")],
  [/^must differ from the current password/, () => t("issue.passwordSame")],
  [/^the two new passwords differ/, () => t("issue.passwordsDiffer")],
  [/^(must be a number|Invalid type: Expected number)/, () => t("issue.number")],
  [/^(must be an integer|Invalid integer)/, () => t("issue.integer")],
  [/^from and to must differ/, () => t("issue.timeWindow")],
  [/^must be a time HH:MM/, () => t("issue.hhmm")],
  [/^must be two different times, and 24:00 only as the end/, () => t("issue.interval")],
  [/^must be an IANA time zone/, () => t("issue.timeZone")],
  [/^must list at most (\d+) intervals/, (m) => n("issue.maxIntervals", { n: m[1]! })],
  [/cannot fall back to itself/, () => t("issue.selfFallback")],
  [/^duplicates rule (\d+)/, (m) => n("issue.duplicate", { n: Number(m[1]) + 1 })],
  [/^you already have (\d+) of (\d+) chats/, (m) => n("issue.capacity", { load: m[1]!, capacity: m[2]! })],
  [/^this session is no longer waiting/, () => t("issue.notWaiting")],
  [/^this session is not assigned/, () => t("issue.notAssigned")],
  [/^(.+) is offline$/, (m) => n("issue.agentOffline", { name: m[1]! })],
  [/^only the assigned agent or an admin can transfer/, () => t("issue.transferForbidden")],
  [/^the ticket is already (\w+)/, (m) => n("issue.ticketSame", { s: ticketValue(m[1]!) })],
  [/^a closed ticket cannot change/, () => t("issue.ticketClosed")],
  [/^an? (\w+) ticket cannot become (\w+)/, (m) => n("issue.ticketMove", { from: ticketValue(m[1]!), to: ticketValue(m[2]!) })],
  [/^the ticket changed meanwhile/, () => t("issue.ticketChanged")],
  [/^the ticket is unassigned already/, () => t("issue.ticketUnassigned")],
  [/^the ticket is assigned to them already/, () => t("issue.ticketAssigned")],
  [/^the ticket has no department already/, () => t("issue.ticketNoDepartment")],
  [/^the ticket is with (\S+) already/, (m) => n("issue.ticketDepartment", { d: m[1]! })],
  [/^(must be a skill group key of the shop|is not a skill group of this shop)/, () => t("issue.department")],
  [/^is not an enabled staff member/, () => t("issue.staffDisabled")],
  [/^must be a staff member of the ticket's shop or of the platform/, () => t("issue.staffForeign")],
  [/^is not a session of this thread/, () => t("issue.sessionForeign")],
  [/^is not this customer's order in this shop/, () => t("issue.orderForeign")],
  [/^is not a message this customer left with this shop/, () => t("issue.leaveForeign")],
  [/^was handled (already|meanwhile)/, () => t("issue.leaveHandled")],
  [/^you may not open tickets on this thread/, () => t("issue.ticketThread")],
  [/^must not be in the past/, () => t("issue.notPast")],
  [/^must be a date and time/, () => t("issue.dateTime")],
  [/^name the shop \(\?shop=\)/, () => t("issue.pickShop")],
  [/^the campaign is (\w+); only a scheduled one can be cancelled/, (m) => n("issue.campaignState", { s: campaignStatus(m[1]!) })],
  [/^only a resolved ticket can be answered/, () => t("issue.ticketNotResolved")],
  [/^the time to answer this resolution has passed/, () => t("issue.answerExpired")],
];

/** One field message in the UI language. */
export function issueText(message: string): string {
  for (const [re, text] of RULES) {
    const m = re.exec(message);
    if (m) return text(m);
  }
  return message;
}
