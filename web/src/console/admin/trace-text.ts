/**
 * The rule tester's trace in the UI language. The router returns stable condition keys and
 * plain details (`{ condition: "intents", ok, detail: { actual } }`), so the console writes its
 * own sentences instead of showing the server's Chinese explanation.
 */
import type { RuleCheck } from "../../../../core/domain/routing/conditions";
import { categoryName, channelName, entryName, nameOf, t } from "../../common/i18n";

const quote = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join("、");

/** The value a check saw, as a person would read it. */
function actualOf(c: RuleCheck): string {
  switch (c.condition) {
    case "intents":
      return nameOf("intent", c.detail.actual);
    case "levels":
      return nameOf("level", c.detail.actual);
    case "channels":
      return channelName(c.detail.actual);
    case "entryTypes":
      return c.detail.actual ? entryName(c.detail.actual) : t("tester.noneValue");
    case "shops":
      return c.detail.actual;
    default:
      return "";
  }
}

/** `cond.keywords` → 关键词. */
export function conditionLabel(c: RuleCheck): string {
  return t(`cond.${c.condition}`);
}

/** Why a condition held or failed: the words that hit, or what the session actually was. */
export function checkDetail(c: RuleCheck): string {
  switch (c.condition) {
    case "keywords":
      return c.ok ? t("tester.hits", { list: quote(c.detail.hits) }) : t("tester.noHits");
    case "categories":
      return c.ok
        ? t("tester.hits", { list: c.detail.hits.map((h) => (h.includes("/") ? categoryName(h) : nameOf("dept", h))).join("、") })
        : t("tester.entryCategories", { list: c.detail.actual.map(categoryName).join("、") || t("tester.noneValue") });
    case "timeOfDay":
      return t("tester.time", { actual: c.detail.actual, from: c.detail.from, to: c.detail.to, tz: c.detail.timeZone });
    case "businessHours":
      return `${t(c.detail.actual === "inside" ? "bh.inside" : "bh.outside")} (${c.detail.timeZone})`;
    default:
      return c.ok ? actualOf(c) : t("tester.actual", { value: actualOf(c) });
  }
}
