/**
 * Checks one rule's conditions against the facts of a session. Every present condition is
 * checked, even after one fails, so the rule tester can show all of a rule's misses at once.
 */
import type { Channel, CustomerLevel, Entry } from "../../protocol/common";
import type { Intent } from "../intent";
import { isWithinBusinessHours, type BusinessHours } from "./business-hours";
import { fromMinutes, inInterval, localClock, toMinutes } from "./clock";
import { findCategories, findKeywords } from "./match";
import type { RuleConditions } from "./schema";

type EntryType = Entry["type"];

/** What a rule is checked against, computed once per routing call. */
export interface RoutingFacts {
  /** The shopper's message, normalised with `normalizeText`. */
  readonly text: string;
  readonly intent: Intent;
  readonly shopId: string;
  readonly level: CustomerLevel;
  readonly channel: Channel;
  readonly entryType: EntryType | null;
  readonly entryCategories: readonly string[];
  /** Local wall-clock time in the business-hours zone, `HH:MM`. */
  readonly localTime: string;
  readonly withinBusinessHours: boolean;
  readonly timeZone: string;
}

/**
 * The outcome of one condition. `condition` is a stable key and `detail` plain data, so the
 * console can translate both; `hits` are the rule's values that matched, `actual` the session's.
 */
export type RuleCheck =
  | { condition: "keywords"; ok: boolean; detail: { hits: string[] } }
  | { condition: "intents"; ok: boolean; detail: { actual: Intent } }
  | { condition: "categories"; ok: boolean; detail: { actual: string[]; hits: string[] } }
  | { condition: "levels"; ok: boolean; detail: { actual: CustomerLevel } }
  | { condition: "channels"; ok: boolean; detail: { actual: Channel } }
  | { condition: "entryTypes"; ok: boolean; detail: { actual: EntryType | null } }
  | { condition: "shops"; ok: boolean; detail: { actual: string } }
  | { condition: "timeOfDay"; ok: boolean; detail: { actual: string; from: string; to: string; timeZone: string } }
  | { condition: "businessHours"; ok: boolean; detail: { actual: "inside" | "outside"; timeZone: string } };

/** Builds the facts from the raw context; the clock is read once so every rule sees one instant. */
export function factsAt(
  base: Omit<RoutingFacts, "localTime" | "withinBusinessHours" | "timeZone">,
  hours: BusinessHours,
  now: number,
): RoutingFacts {
  return {
    ...base,
    localTime: fromMinutes(localClock(now, hours.timeZone).minutes),
    withinBusinessHours: isWithinBusinessHours(hours, now),
    timeZone: hours.timeZone,
  };
}

/** The checks of every condition the rule sets, in `CONDITION_KEYS` order; none for a catch-all. */
export function checkConditions(c: RuleConditions, f: RoutingFacts): RuleCheck[] {
  const out: RuleCheck[] = [];
  if (c.keywords) {
    const hits = findKeywords(f.text, c.keywords);
    out.push({ condition: "keywords", ok: hits.length > 0, detail: { hits } });
  }
  if (c.intents) out.push({ condition: "intents", ok: c.intents.includes(f.intent), detail: { actual: f.intent } });
  if (c.categories) {
    const hits = c.categories.filter((p) => findCategories(f.entryCategories, [p]).length > 0);
    out.push({ condition: "categories", ok: hits.length > 0, detail: { actual: [...f.entryCategories], hits } });
  }
  if (c.levels) out.push({ condition: "levels", ok: c.levels.includes(f.level), detail: { actual: f.level } });
  if (c.channels) out.push({ condition: "channels", ok: c.channels.includes(f.channel), detail: { actual: f.channel } });
  if (c.entryTypes) {
    const ok = f.entryType !== null && c.entryTypes.includes(f.entryType);
    out.push({ condition: "entryTypes", ok, detail: { actual: f.entryType } });
  }
  if (c.shops) out.push({ condition: "shops", ok: c.shops.includes(f.shopId), detail: { actual: f.shopId } });
  if (c.timeOfDay) {
    const { from, to } = c.timeOfDay;
    const ok = inInterval(toMinutes(f.localTime), from, to);
    out.push({ condition: "timeOfDay", ok, detail: { actual: f.localTime, from, to, timeZone: f.timeZone } });
  }
  if (c.businessHours) {
    const actual = f.withinBusinessHours ? "inside" : "outside";
    out.push({ condition: "businessHours", ok: c.businessHours === actual, detail: { actual, timeZone: f.timeZone } });
  }
  return out;
}
