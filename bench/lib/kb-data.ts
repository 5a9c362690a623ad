/**
 * The benchmark's knowledge base and questions (bench/kb.ts): a deterministic mall knowledge base of
 * Chinese and English FAQ-like articles over products and service topics, and questions worded
 * differently from the articles (a product's variant number left out, other words for the topic).
 * One seeded PRNG: the articles are drawn first, then the questions, so every run asks the same
 * questions of the same articles.
 */

type Pick = <T>(items: readonly T[]) => T;

/** A small deterministic PRNG (mulberry32): the same knowledge base on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS_ZH = ["纯棉T恤", "连衣裙", "牛仔裤", "羽绒服", "运动鞋", "蓝牙耳机", "智能手机", "充电宝", "笔记本电脑", "机械键盘", "保温杯", "面霜", "洗发水", "婴儿奶粉", "猫粮", "行李箱", "电饭煲", "空气炸锅", "扫地机器人", "智能手表"];
const PRODUCTS_EN = ["cotton tee", "denim jacket", "running shoes", "wireless earbuds", "phone case", "laptop stand", "coffee maker", "yoga mat", "backpack", "smart watch"];
const TOPICS_ZH: [string, string[], string][] = [
  ["{p}什么时候发货", ["{p}多久能发货", "{p}几天发出"], "付款后 48 小时内发货，预售商品以页面时间为准。"],
  ["{p}怎么退货", ["{p}可以退吗", "{p}不想要了怎么办"], "签收 7 天内可在订单页申请 **无理由退货**。"],
  ["{p}保修多久", ["{p}坏了能保修吗", "{p}质保期是多少"], "整机保修一年，详见 [保修政策](https://help.example/warranty)。"],
  ["{p}尺码怎么选", ["{p}穿多大码", "{p}偏大还是偏小"], "请参考详情页尺码表，身高体重对照选择。"],
  ["{p}可以开发票吗", ["{p}发票怎么开", "买{p}能开专票吗"], "可以，确认收货后在订单页申请电子发票。"],
  ["{p}有优惠券吗", ["{p}有没有折扣", "{p}现在有活动吗"], "店铺首页可领取满减券，活动以页面为准。"],
  ["{p}运费怎么算", ["{p}包邮吗", "买{p}要邮费吗"], "满 99 元包邮，偏远地区另计。"],
  ["{p}物流到哪了", ["{p}快递怎么查", "{p}的物流信息在哪看"], "在订单详情页查看物流轨迹。"],
  ["{p}怎么换货", ["{p}能换一个吗", "{p}发错了怎么换"], "签收 15 天内可申请换货，运费由我们承担。"],
  ["{p}支持花呗分期吗", ["{p}能分期付款吗", "{p}分期有手续费吗"], "支持 3/6/12 期分期，部分商品免息。"],
];
const TOPICS_EN: [string, string[], string][] = [
  ["When will my {p} ship?", ["how long until the {p} is shipped", "{p} shipping time"], "Orders ship within 2 business days."],
  ["How do I return the {p}?", ["can I send back my {p}", "{p} return policy"], "Start a return from your order page within 30 days."],
  ["Is there a warranty on the {p}?", ["{p} warranty period", "my {p} broke, is it covered"], "All products carry a one-year warranty."],
  ["Can I cancel my {p} order?", ["cancel purchase of {p}", "stop my {p} order"], "Orders can be cancelled until they ship."],
  ["How do I get a refund for the {p}?", ["money back for the {p}", "{p} refund status"], "Refunds reach your card in 3-5 days."],
];

function articleRow(pick: Pick, i: number) {
  const english = i % 5 === 0;
  const [q, alts, answer] = english ? pick(TOPICS_EN) : pick(TOPICS_ZH);
  const product = english ? pick(PRODUCTS_EN) : pick(PRODUCTS_ZH);
  const variant = `${english ? "model" : "款"} ${1 + (i % 97)}`;
  const fill = (s: string) => s.replace("{p}", `${product}${english ? " " : ""}${variant}`);
  return { question: fill(q), altQuestions: alts.map(fill), answer: `${answer}\n\n${fill(english ? "Applies to {p}." : "适用于{p}。")}`, tags: [product], status: "published" };
}

const QUESTIONS_ZH = ["我买的{p}啥时候能发货呀", "{p}收到了不喜欢可以退吗", "{p}坏了怎么保修", "请问{p}要选多大的码", "{p}能不能开发票", "{p}现在有什么优惠", "{p}包不包邮", "我的{p}快递到哪里了", "{p}发错颜色了能换吗", "{p}可以分几期"];
const QUESTIONS_EN = ["when does the {p} ship", "I want to return my {p}", "does the {p} have a warranty", "please cancel the {p} I ordered", "I want my money back for the {p}"];

function question(random: () => number, pick: Pick): string {
  const english = random() < 0.2;
  return pick(english ? QUESTIONS_EN : QUESTIONS_ZH).replace("{p}", pick(english ? PRODUCTS_EN : PRODUCTS_ZH));
}

/** An article as the import takes it. */
export type BenchArticle = ReturnType<typeof articleRow>;

/**
 * The knowledge base of `articles` rows (the first 90 % of each 10,000 in the shop's scope, the rest
 * in the platform's: see `scopeOf`), then a stream of questions.
 */
export function benchKnowledge(articles: number): { rows: BenchArticle[]; nextQuestion: () => string } {
  const random = rng(20260618);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const rows = Array.from({ length: articles }, (_, i) => articleRow(pick, i));
  return { rows, nextQuestion: () => question(random, pick) };
}

/** The scope of the chunk of rows starting at `i` (chunks of 1,000): 9 in 10 the shop's, 1 in 10 the platform's. */
export function scopeOf(i: number, shop: string): string {
  return i % 10_000 < 9_000 ? shop : "platform";
}
