/**
 * Words of the message found in item titles ("AirPods", "小米14", "纯棉", "龙井"), and the product
 * signal that joins them with the category lexicon. Titles carry the names shoppers actually
 * repeat, which no fixed lexicon can list.
 */
import { cjkBigrams, hasCjk, normalizeText, segmentWords } from "../text/tokenize";
import { brandAliases } from "./brands";
import { categoryFit, type CategoryWord } from "./category-words";
import type { OrderSummary, SignalScore } from "./types";

const ZH_STOP = new Set(
  "我们 你们 那个 这个 那些 这些 一个 一下 一单 什么 时候 怎么 为什么 可以 请问 你好 您好 谢谢 帮忙 麻烦 查一 查下 看看 东西 商品 宝贝 订单 单子 包裹 问题 还是 还有 就是 已经 现在 多久 客服 老板 亲亲 一直 到底 能不 能否 是否 哪里 哪个 哪一 多少".split(" "),
);
// Function characters: a bigram holding one is grammar, not a product name.
const ZH_FUNCTION = /[的了吗呢吧啊呀哦嘛我你他她它那这么么是在有没不还就都也要想给把被让个和跟呗哈]/;
const EN_STOP = new Set(
  "the my mine a an and or of for to in on at it its is was were be been this that these those what where when why how which who did do does not no yes please hi hello thanks thank you your can could would will with from about any have has had get got still yet order orders package parcel item items thing things stuff one ones status help just some want need know check there here they them".split(" "),
);

/** Query terms of the leftover message text: CJK words and bigrams, latin words, model numbers. */
export function titleQueryTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const w of segmentWords(text)) {
    if (hasCjk(w)) {
      if (w.length >= 2 && !ZH_STOP.has(w) && !ZH_FUNCTION.test(w)) terms.add(w);
    } else if ((w.length >= 3 && !EN_STOP.has(w)) || (/\d/.test(w) && w.length >= 2)) {
      terms.add(w);
    }
  }
  for (const b of cjkBigrams(text)) if (b.length === 2 && !ZH_STOP.has(b) && !ZH_FUNCTION.test(b)) terms.add(b);
  for (const alias of brandAliases(normalizeText(text))) terms.add(alias);
  return [...terms];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Terms of `terms` found in any title of the order; latin terms must be whole title words. */
function titleHits(order: OrderSummary, terms: string[]): string[] {
  const hits: string[] = [];
  for (const item of order.items) {
    const title = normalizeText(item.title);
    const words = new Set(segmentWords(title));
    for (const t of terms) {
      if (hits.includes(t)) continue;
      if (hasCjk(t) ? title.includes(t) : words.has(t) || new RegExp(`(^|[^a-z0-9])${escapeRe(t)}([^a-z0-9]|$)`).test(title)) hits.push(t);
    }
  }
  // "小米" inside "小米14" is one mention, not two.
  return hits.filter((h) => !hits.some((o) => o !== h && o.includes(h)));
}

/**
 * The product signal: category words and title words together. An order scores its best of
 * the two. Title-only evidence from bigrams alone weighs less, since a stray pair of characters
 * can land in a title by chance.
 */
export function productSignal(categoryWords: CategoryWord[], leftover: string, orders: OrderSummary[]): SignalScore | undefined {
  const terms = titleQueryTerms(leftover);
  const hitsByOrder = new Map(orders.map((o) => [o.id, titleHits(o, terms)]));
  const anyHit = [...hitsByOrder.values()].some((h) => h.length > 0);
  if (categoryWords.length === 0 && !anyHit) return undefined;
  // A whole word (or brand) is strong evidence; a bare character pair is weak.
  const words = new Set([...segmentWords(leftover), ...brandAliases(normalizeText(leftover))]);
  const strong = [...hitsByOrder.values()].some((hs) => hs.some((h) => !hasCjk(h) || words.has(h)));
  const weight = categoryWords.length > 0 || strong ? 3 : 1.5;
  return {
    kind: "product",
    weight,
    // Products are remembered well: "我的手机" with no phone order means none of these orders.
    weightWhenUnmatched: weight,
    match(order) {
      const hits = hitsByOrder.get(order.id) ?? [];
      const title = hits.length === 0 ? 0 : Math.min(1, 0.6 + 0.2 * hits.length);
      const cat = categoryWords.length > 0 ? categoryFit(order, categoryWords) : { score: 0 };
      if (title >= cat.score && title > 0) return { score: title, reason: `title:${hits.join("+")}` };
      return cat;
    },
  };
}
