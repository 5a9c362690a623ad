/**
 * Product words → catalog categories: "那双鞋" → apparel/shoes, "耳机" → electronics/audio,
 * "clothes" → every apparel category but shoes. Words of the item titles themselves are
 * matched separately (title-match.ts); this lexicon covers the generic words shoppers use.
 */
import type { Category } from "../catalog";
import { maskSpan } from "./time-context";
import type { OrderSummary, SignalScore } from "./types";

const CLOTHES: Category[] = ["apparel/tops", "apparel/pants", "apparel/dresses", "apparel/outerwear"];
const FOOD: Category[] = ["food/snacks", "food/tea", "food/fruit", "food/dairy"];
const BEAUTY: Category[] = ["beauty/skincare", "beauty/makeup", "beauty/haircare"];
const DIGITAL: Category[] = ["electronics/phones", "electronics/laptops", "electronics/tablets", "electronics/audio", "electronics/accessories"];

/** Word lists per category; Chinese words are matched as substrings, English as whole words. */
const LEXICON: [Category[], string][] = [
  [CLOTHES, "衣服 衣物 服装 穿的 clothes clothing apparel outfit garment"],
  [["apparel/tops"], "上衣 t恤 体恤 短袖 长袖 衬衫 衬衣 卫衣 毛衣 针织衫 背心 打底衫 polo衫 吊带 shirt t-shirt tshirt tee top blouse sweater hoodie sweatshirt polo"],
  [["apparel/pants"], "裤 pants jeans trousers shorts leggings"],
  [["apparel/dresses"], "裙 dress skirt"],
  [["apparel/outerwear"], "外套 羽绒服 夹克 大衣 风衣 冲锋衣 棉服 棉衣 西装 jacket coat parka blazer outerwear windbreaker puffer"],
  [["apparel/shoes"], "鞋 靴 shoe sneaker boot heels sandal slipper trainer"],
  [["electronics/phones"], "手机 苹果手机 iphone smartphone cellphone mobile phone"],
  [["electronics/laptops"], "电脑 笔记本 苹果电脑 laptop computer notebook macbook"],
  [["electronics/tablets"], "平板 平板电脑 ipad tablet"],
  [["electronics/audio"], "耳机 耳麦 音箱 音响 headphone earphone earbud airpods headset speaker"],
  [["electronics/accessories"], "充电器 充电头 数据线 充电线 充电宝 手机壳 保护壳 钢化膜 手机膜 贴膜 鼠标 键盘 charger cable adapter powerbank power-bank phone-case screen-protector mouse keyboard"],
  [DIGITAL, "数码 电子产品 electronics gadget"],
  [["food/snacks"], "零食 薯片 饼干 坚果 辣条 巧克力 糖果 牛肉干 瓜子 snack chips cookie nuts candy chocolate jerky"],
  [["food/tea"], "茶 tea"],
  [["food/fruit", "electronics/phones"], "苹果"],
  [["food/fruit"], "水果 橙子 橘子 香蕉 车厘子 樱桃 芒果 榴莲 猕猴桃 葡萄 草莓 西瓜 荔枝 fruit apples oranges cherries mangoes grapes"],
  [["food/dairy"], "牛奶 酸奶 奶粉 奶酪 纯奶 milk yogurt yoghurt cheese dairy"],
  [FOOD, "吃的 食品 food"],
  [["beauty/skincare"], "面霜 护肤 精华 乳液 水乳 爽肤水 面膜 眼霜 防晒 洗面奶 cream moisturizer serum lotion skincare sunscreen toner"],
  [["beauty/makeup"], "口红 唇膏 粉底 眼影 睫毛膏 腮红 彩妆 眉笔 气垫 lipstick foundation mascara eyeshadow makeup blush"],
  [["beauty/haircare"], "洗发水 洗发露 护发素 发膜 洗护 沐浴露 shampoo conditioner"],
  [BEAUTY, "化妆品 美妆 cosmetics beauty"],
];

interface Entry { word: string; cats: Category[]; re?: RegExp }
const ENTRIES: Entry[] = LEXICON.flatMap(([cats, words]) =>
  words.split(" ").map((w): Entry => {
    const word = w.replace(/-/g, " ");
    // English: whole words, plural allowed ("shoes", "headphones").
    return /^[a-z][a-z ]*$/.test(word) ? { word, cats, re: new RegExp(`\\b${word}(?:e?s)?\\b`, "g") } : { word, cats };
  }),
).sort((a, b) => b.word.length - a.word.length); // "手机壳" before "手机", "平板电脑" before "电脑"

/** A product word of the message and the categories it stands for. */
export interface CategoryWord { word: string; categories: Category[] }

/** Finds product words, longest first; returns them and the text with them blanked. */
export function extractCategoryWords(text: string): { words: CategoryWord[]; rest: string } {
  const words: CategoryWord[] = [];
  let rest = text;
  for (const e of ENTRIES) {
    if (e.re) {
      // Most entries do not occur: `test` spares them matchAll's copy of the pattern.
      e.re.lastIndex = 0;
      if (!e.re.test(rest)) continue;
      e.re.lastIndex = 0;
      for (const m of rest.matchAll(e.re)) {
        words.push({ word: e.word, categories: e.cats });
        rest = maskSpan(rest, m.index, m[0].length);
      }
    } else {
      for (let i = rest.indexOf(e.word); i >= 0; i = rest.indexOf(e.word, i + e.word.length)) {
        words.push({ word: e.word, categories: e.cats });
        rest = maskSpan(rest, i, e.word.length);
      }
    }
  }
  return { words, rest };
}

const department = (category: string): string => category.split("/")[0];
/** The word itself in a title; English as a whole word ("phone" is not in "headphones"). */
function inTitle(title: string, w: CategoryWord): boolean {
  const t = title.toLowerCase();
  return /^[a-z][a-z ]*$/.test(w.word) ? new RegExp(`\\b${w.word}(?:e?s)?\\b`).test(t) : t.includes(w.word);
}

/**
 * 0..1 fit of an order to the product words: its category (1), the word in a title (0.7), or
 * only the department (0.25: "T恤" said of a jacket is a slip, "鞋" said of jeans hardly).
 */
export function categoryFit(order: OrderSummary, words: CategoryWord[]): { score: number; reason?: string } {
  let best = 0;
  let reason: string | undefined;
  for (const item of order.items) {
    for (const w of words) {
      const wanted = w.categories as string[];
      const s = wanted.includes(item.category) ? 1 : inTitle(item.title, w) ? 0.7 : wanted.some((c) => department(c) === department(item.category)) ? 0.25 : 0;
      if (s > best) {
        best = s;
        reason = `category:${item.category}`;
      }
    }
  }
  return { score: best, reason };
}

/** The signal of product words; undefined when the message names none. */
export function categorySignal(words: CategoryWord[]): SignalScore | undefined {
  if (words.length === 0) return undefined;
  return { kind: "product", weight: 3, weightWhenUnmatched: 3, match: (order) => categoryFit(order, words) };
}
