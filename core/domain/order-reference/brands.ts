/**
 * Brand names in both scripts. Shoppers write "dyson" for a title that says "戴森", "耐克" for
 * "Nike"; titles name brands in whichever script the seller chose. A small list of brands common
 * in Chinese malls; unknown brands still match when written as in the title.
 */

const PAIRS: [string, string][] = [
  ["apple", "苹果"], ["huawei", "华为"], ["xiaomi", "小米"], ["honor", "荣耀"], ["oppo", "欧珀"], ["samsung", "三星"],
  ["sony", "索尼"], ["lenovo", "联想"], ["dell", "戴尔"], ["logitech", "罗技"], ["anker", "安克"], ["baseus", "倍思"],
  ["dyson", "戴森"], ["philips", "飞利浦"], ["nike", "耐克"], ["adidas", "阿迪达斯"], ["anta", "安踏"], ["li-ning", "李宁"],
  ["uniqlo", "优衣库"], ["zara", "飒拉"], ["levi's", "李维斯"], ["lancome", "兰蔻"], ["estee lauder", "雅诗兰黛"],
  ["mac", "魅可"], ["loreal", "欧莱雅"], ["shiseido", "资生堂"], ["pantene", "潘婷"], ["head & shoulders", "海飞丝"],
  ["patagonia", "巴塔哥尼亚"], ["anchor", "安佳"], ["three squirrels", "三只松鼠"], ["starbucks", "星巴克"],
];

const ALIASES = new Map<string, string[]>();
for (const [en, zh] of PAIRS) {
  ALIASES.set(en, [...(ALIASES.get(en) ?? []), zh]);
  ALIASES.set(zh, [...(ALIASES.get(zh) ?? []), en]);
}

/**
 * How each name is found: latin names as whole words, Chinese ones anywhere. Built once: this
 * runs for every order question, and compiling the patterns on each call was some 40 % of what the
 * order-reference resolver allocated (sampling heap profile under `npm run bench`).
 */
const FINDERS = [...ALIASES].map(([name, others]) => {
  const word = /^[a-z]/.test(name) ? new RegExp(`(^|[^a-z])${name.replace(/[.*+?^${}()|[\]\\&]/g, "\\$&")}($|[^a-z])`) : null;
  return { found: word ? (text: string) => word.test(text) : (text: string) => text.includes(name), others };
});

/**
 * Brand names of a normalised text in the other script, for matching against titles:
 * "dyson吹风机" → ["戴森"].
 */
export function brandAliases(text: string): string[] {
  const out: string[] = [];
  for (const { found, others } of FINDERS) if (found(text)) out.push(...others);
  return out;
}
