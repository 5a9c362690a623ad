/**
 * What a time word is about. "昨天买的" dates the purchase, "昨天发的货" the shipment,
 * "昨天就应该到了" only an expectation (it says nothing about when the order was placed), and
 * English puts the verb first: "shipped 3 days ago", "was supposed to arrive yesterday".
 */

/** Which order time a phrase dates; `expectation` phrases are dropped. */
export type TimeEvent = "created" | "shipped" | "delivered";

const CLAUSE_END = /[，。,.!?？！;；]/;
// Chinese: verbs after the time word, read up to the end of the clause.
const ZH_EXPECT_AFTER = /^(?:的时候)?(?:就|才|都)?(?:应该|能|会|要|可以|之前|以前|前|内|估计|预计|保证)/;
const ZH_EXPECT_BEFORE = /(?:说好|承诺|预计|应该|保证|最晚|最迟|说|答应)(?:的)?$/;
const ZH_VERBS: [RegExp, TimeEvent | "negated"][] = [
  [/^(?:没|未|还没|还未|没有|不)/, "negated"],
  [/^(?:买|下单|下的单|拍|付|订|购)/, "created"],
  [/^(?:发货|发的货|发出|寄出|发了|发的|揽收)/, "shipped"],
  [/^(?:签收|到的|到了|收到|送到|送达|到货)/, "delivered"],
];
// English: verbs before the time word, within the same clause.
// "coming today", "will it ship tomorrow": present and future arrival verbs state an expectation.
const EN_EXPECT_BEFORE = /\b(?:supposed to|should have|should've|expected|promised|was due|due|by|until|coming|arriving|arrive|come|get here|be here|be delivered|ship|be shipped)\b[^.,!?]{0,25}$/;
const EN_VERB = /\b(?:(ordered|bought|purchased|placed|paid|order)|(shipped|sent|dispatched|mailed)|(delivered|arrived|received|came))\b(?=[^.,!?]{0,25}$)/g;

/** Blanks `length` characters at `index`, keeping offsets stable for later extractors. */
export function maskSpan(text: string, index: number, length: number): string {
  return text.slice(0, index) + " ".repeat(length) + text.slice(index + length);
}

/**
 * The event a time phrase at `index` dates, from the words around it; `expectation` when it is
 * a promised or expected time rather than something that happened.
 */
export function eventOfTimeWord(text: string, index: number, length: number): TimeEvent | "expectation" {
  const before = text.slice(Math.max(0, index - 30), index);
  const afterRaw = text.slice(index + length, index + length + 12);
  const cut = afterRaw.search(CLAUSE_END);
  const after = (cut >= 0 ? afterRaw.slice(0, cut) : afterRaw).replace(/^\s+/, "");
  if (ZH_EXPECT_BEFORE.test(before.trimEnd()) || ZH_EXPECT_AFTER.test(after)) return "expectation";
  if (EN_EXPECT_BEFORE.test(before)) return "expectation";
  // The English verb nearest before the phrase wins: "ordered it, and it arrived yesterday".
  let en: TimeEvent | undefined;
  for (const m of before.matchAll(EN_VERB)) en = m[1] ? "created" : m[2] ? "shipped" : "delivered";
  if (en) return en;
  // Scan the clause for the first verb; "昨天买的还没发货" dates the purchase, not a shipment.
  for (let i = 0; i < after.length; i++) {
    const tail = after.slice(i);
    for (const [re, event] of ZH_VERBS) {
      if (re.test(tail)) return event === "negated" ? "created" : event;
    }
  }
  return "created";
}
