/**
 * What was said in a past consultation of the demo mall: the shopper's questions, the bot's
 * answers from the demo knowledge base, a hand-off to an agent with the notices the room posts,
 * the agent's replies, the close and the rating, each message where the product would have put
 * it. The session row (./history.ts) takes its times and counters from these messages, so the
 * 数据 page and a thread's history tell the same story. `npm start` writes them into the rooms
 * (`POST /api/demo/transcripts`).
 */
import type { Channel, MessageBody, Sender } from "../../core/protocol";
import type { TranscriptMessage } from "../../core/protocol/demo";
import { RATING_WINDOW_MS } from "../../core/domain/rating";
import type { Rng } from "./random";
import { MINUTE } from "./time";

export const TOPICS = ["logistics", "pre_sales", "after_sales", "payment", "account", "complaint", "other"] as const;
export type Topic = (typeof TOPICS)[number];

/** A knowledge article as the bot shows it. */
export interface TranscriptArticle {
  id: string;
  question: string;
  /** Other phrasings shoppers use (Chinese ones only are asked here). */
  alt: readonly string[];
  html: string;
  tags: readonly string[];
}

export interface ConsultationPlan {
  sessionId: string;
  channel: Channel;
  topic: Topic;
  customer: { id: string; name: string };
  openedAt: number;
  /** The agent the bot handed the shopper to, or null when the bot alone served them. */
  agent: { id: string; name: string } | null;
  /** Stars the shopper gave a served session, if they rated it. */
  rating: number | null;
  /** The articles the bot answers from: the shop's and the platform's. */
  articles: readonly TranscriptArticle[];
  /** Minutes without a message after which the room closes a session (SESSION_IDLE_MINUTES). */
  idleMinutes: number;
}

/** The session's times and counters, as the room would have written them to D1. */
export interface ConsultationRecord {
  messages: TranscriptMessage[];
  lastMessageAt: number;
  resolvedAt: number;
  customerMessages: number;
  botMessages: number;
  agentMessages: number;
  handedOffAt?: number;
  assignedAt?: number;
  firstResponseAt?: number;
  ratedAt?: number;
}

/** Which articles answer a topic, by their tags. */
const TOPIC_TAGS: Record<Topic, readonly string[]> = {
  logistics: ["发货", "快递", "物流", "地址"],
  pre_sales: ["尺码", "洗涤", "正品", "保质期", "护肤", "优惠"],
  after_sales: ["售后", "退货", "退款", "保修", "运费", "价保"],
  payment: ["支付", "发票", "优惠"],
  account: [],
  complaint: [],
  other: [],
};

/** What shoppers ask that no article answers. */
const UNANSWERED: Record<Topic, readonly string[]> = {
  logistics: ["我的快递到哪了", "物流三天没更新了", "显示签收了但我没收到"],
  pre_sales: ["这款还有货吗", "这个和上一代有什么区别", "能帮我留一件吗"],
  after_sales: ["收到的东西少了一件", "退货寄回去了，什么时候退款", "换货怎么换"],
  payment: ["付款一直失败怎么办", "扣了两次钱", "能开公司抬头的发票吗"],
  account: ["会员积分怎么查", "手机号换了怎么改绑", "会员等级怎么升级"],
  complaint: ["发货太慢了，说好 48 小时，三天了还没动", "收到的东西和图片差太多了", "快递员直接扔门口，东西都压坏了"],
  other: ["你们有实体店吗", "可以定制吗", "客服几点下班"],
};

const ASK_FOR_PERSON = ["转人工", "人工客服", "还是转人工吧", "我要找人工"];

/** An agent's side of a consultation after their greeting, by topic: alternating agent / shopper lines. */
const EXCHANGES: Record<Topic, readonly (readonly string[])[]> = {
  logistics: [
    ["亲，我帮您查一下物流～", "好的，麻烦了", "包裹在转运中心滞留了一天，已经帮您联系网点加急，预计明天送到", "好的谢谢", "不客气，有变化我们第一时间通知您～"],
    ["请问是哪一笔订单呢？", "就是前天买的那件", "查到了，今天上午已经派件，快递员电话在物流详情里，注意接听哦", "收到，谢谢"],
    ["亲，已经在催仓库了，今天一定发出", "好的，今天能发就行", "发出后会有物流通知，请留意～"],
  ],
  pre_sales: [
    ["亲，方便说一下您的身高体重吗？帮您推荐尺码", "165，52 公斤", "建议选 M 码，版型偏宽松，穿着刚好", "好的，那我拍 M"],
    ["这款目前有现货，今天下单 48 小时内发出", "好的，有没有优惠", "现在全店满 299 减 40，会员再享 95 折", "那我凑个单"],
    ["亲，两款主要是材质不同，这款是升级版，更耐用", "价格差多少", "差 60 元左右，性价比更推荐这款哦", "明白了，谢谢"],
  ],
  after_sales: [
    ["亲，很抱歉给您带来不便，麻烦拍一下商品问题的照片", "袖口这里开线了，才穿了一次", "收到，这个属于质量问题，给您办理退货，运费由我们承担", "好的，怎么寄回", "已在订单里发起退货，按页面地址寄回即可，收到后 1-3 天退款"],
    ["亲，退货已经签收了，今天就给您处理退款", "好的，大概多久到账", "原路退回，余额即时到账，银行卡 1-5 个工作日", "好，谢谢"],
    ["亲，少发的那件已经给您补发了，单号稍后更新在订单里", "好的", "给您带来不便很抱歉，补发里另送了一份小礼物～"],
  ],
  payment: [
    ["亲，重复扣款的那笔会在 24 小时内自动退回，不用担心", "好的，那我等等", "如果明天还没退回，随时联系我们"],
    ["亲，付款失败一般是银行卡限额，换个卡或者用支付宝试试", "用支付宝付成功了", "好的，订单已经显示支付成功了～"],
    ["可以开的，订单完成后在订单详情申请开票，填公司抬头和税号", "专票可以吗", "专票需要提供开票资料，我这边登记一下，3 个工作日内寄出", "好的谢谢"],
  ],
  account: [
    ["亲，积分在「我的 → 会员中心」里可以看到，消费 1 元积 1 分", "找到了，谢谢"],
    ["亲，改绑手机号需要在账号设置里验证原手机号，原手机号不用了的话可以人脸验证", "好的我试试", "有问题随时找我～"],
  ],
  complaint: [
    ["亲，非常抱歉给您带来不好的体验，我马上帮您核实", "你们得给个说法", "已经核实是仓库漏发了，今天加急发顺丰，另外给您补偿一张 20 元无门槛券", "行吧，尽快发", "一定，发出后第一时间通知您"],
    ["亲，很抱歉，这个情况我们一定负责到底，麻烦拍一下照片", "照片发你了，你自己看", "看到了，给您全额退款，商品不用寄回", "好的，这还差不多"],
  ],
  other: [
    ["亲，我们目前只在线上销售，没有实体店哦", "好的"],
    ["人工客服每天 9:00-22:00 在线，其他时间智能客服也可以帮您～", "知道了"],
  ],
};

const BOT: Sender = { role: "bot", id: "bot", name: "" };
const SYSTEM: Sender = { role: "system", id: "system", name: "system" };

/** The consultation's messages and the session record they make. */
export function consultation(rng: Rng, plan: ConsultationPlan): ConsultationRecord {
  const messages: TranscriptMessage[] = [];
  let t = plan.openedAt;
  const customer: Sender = { role: "customer", id: plan.customer.id, name: plan.customer.name };
  const say = (sender: Sender, body: MessageBody, at: number): number => {
    t = at;
    const kind = sender.role === "system" ? "system" : "text";
    messages.push({ clientId: `demo-${plan.sessionId}-${messages.length + 1}`, sessionId: plan.sessionId, sender, kind, body, channel: plan.channel, visibility: "all", createdAt: at });
    return at;
  };
  const notice = (code: string, params: Record<string, string>, at: number, extra: Partial<MessageBody> = {}) =>
    say(SYSTEM, { notice: { code, ...(Object.keys(params).length ? { params } : {}) }, ...extra }, at);
  const later = (fromSec: number, toSec: number) => t + rng.int(fromSec, toSec) * 1000;

  const candidates = plan.articles.filter((a) => a.tags.some((tag) => TOPIC_TAGS[plan.topic].includes(tag)));
  const article = candidates.length ? rng.pick(candidates) : null;
  say(customer, { text: article ? askedAs(rng, article) : rng.pick(UNANSWERED[plan.topic]) }, plan.openedAt);

  if (!plan.agent) {
    botAnswer(article, later(1, 3));
    const second = candidates.filter((a) => a !== article);
    if (second.length && rng.chance(0.4)) {
      const next = rng.pick(second);
      say(customer, { text: askedAs(rng, next) }, later(20, 90));
      botAnswer(next, later(1, 3));
    }
    const lastMessageAt = t;
    const resolvedAt = notice("session.closed_idle", {}, lastMessageAt + plan.idleMinutes * MINUTE);
    return { messages, lastMessageAt, resolvedAt, ...counts(messages) };
  }

  // The hand-off: an upset shopper at once, a question the bot could not answer at once, else
  // after its answer when the shopper asks for a person.
  let reason = "asked";
  if (plan.topic === "complaint") reason = "upset";
  else if (!article) reason = "low_confidence";
  else {
    botAnswer(article, later(1, 3));
    say(customer, { text: rng.pick(ASK_FOR_PERSON) }, later(15, 60));
  }
  const handedOffAt = notice("bot.handoff", { reason }, later(1, 2));
  const assignedAt = notice("agent.assigned", { name: plan.agent.name }, later(3, 90));
  const agent: Sender = { role: "agent", id: plan.agent.id, name: plan.agent.name };
  const firstResponseAt = say(agent, { text: `您好，我是${plan.agent.name}，很高兴为您服务～` }, later(5, 40));
  rng.pick(EXCHANGES[plan.topic]).forEach((line, i) => say(i % 2 === 0 ? agent : customer, { text: line }, later(20, 120)));
  const lastMessageAt = t;
  const resolvedAt = notice("session.resolved", {}, later(60, 300));
  notice("rating.invited", {}, resolvedAt, { rating: { sessionId: plan.sessionId, expiresAt: resolvedAt + RATING_WINDOW_MS } });
  let ratedAt: number | undefined;
  if (plan.rating !== null) {
    ratedAt = notice("rating.rated", { score: String(plan.rating) }, later(60, 900), { rating: { sessionId: plan.sessionId, score: plan.rating } });
  }
  return { messages, lastMessageAt, resolvedAt, handedOffAt, assignedAt, firstResponseAt, ...(ratedAt ? { ratedAt } : {}), ...counts(messages) };

  function botAnswer(answer: TranscriptArticle | null, at: number): void {
    say(BOT, answer ? { article: { id: answer.id, question: answer.question, html: answer.html } } : { notice: { code: "bot.not_understood" }, quickReplies: [{ label: "转人工", text: "转人工" }] }, at);
  }
}

/** How a shopper asks an article's question: as written, or one of its Chinese phrasings. */
function askedAs(rng: Rng, article: TranscriptArticle): string {
  return rng.pick([article.question, ...article.alt.filter((q) => !/[A-Za-z]/.test(q))]);
}

/** The session's counters as the room keeps them: each side's messages, notices not counted. */
function counts(messages: readonly TranscriptMessage[]): Pick<ConsultationRecord, "customerMessages" | "botMessages" | "agentMessages"> {
  const of = (role: Sender["role"]) => messages.filter((m) => m.sender.role === role).length;
  return { customerMessages: of("customer"), botMessages: of("bot"), agentMessages: of("agent") };
}
