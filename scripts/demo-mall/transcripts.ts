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
import { Rng } from "./random";
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
  after_sales: ["售后", "退货", "退款", "保修", "运费", "价保", "订单"],
  payment: ["支付", "发票", "优惠"],
  account: [],
  complaint: [],
  other: [],
};

/** An agent's side of a consultation after their greeting: agent and shopper lines in turn, agent first. */
type Exchange = readonly string[];

/** What shoppers ask that no article answers, and how the agent took it up. */
const UNANSWERED: Record<Topic, readonly { ask: string; exchange: Exchange }[]> = {
  logistics: [
    { ask: "我的快递到哪了", exchange: ["亲，我帮您查一下物流～", "好的，麻烦了", "包裹昨天到了转运中心，今天在派送，注意接听快递员电话哦", "收到，谢谢"] },
    { ask: "物流三天没更新了", exchange: ["亲，包裹在转运中心滞留了，已经帮您联系网点加急，预计明天送到", "好的", "有变化我们第一时间通知您～"] },
    { ask: "显示签收了但我没收到", exchange: ["亲，很抱歉，我马上联系快递核实，可能放在了驿站或快递柜", "好，我等你消息", "核实了，放在小区门口的驿站，取件码已经发到您手机上", "拿到了，谢谢"] },
  ],
  pre_sales: [
    { ask: "这款还有货吗", exchange: ["亲，这款目前有现货，今天下单 48 小时内发出", "有没有优惠", "现在全店满 299 减 40，会员再享 95 折", "那我凑个单"] },
    { ask: "这个和上一代有什么区别", exchange: ["亲，两款主要是材质不同，这款是升级版，更耐用", "价格差多少", "差 60 元左右，更推荐这款哦", "明白了，谢谢"] },
    { ask: "能帮我留一件吗", exchange: ["亲，库存是实时的，暂时不能预留，不过这款库存还比较充足", "好的，那我晚点下单"] },
  ],
  after_sales: [
    { ask: "收到的东西少了一件", exchange: ["亲，很抱歉，仓库核实是漏发了，今天给您补发", "好的", "补发单号稍后更新在订单里，另外送了您一份小礼物～"] },
    { ask: "退货寄回去了，什么时候退款", exchange: ["亲，退货已经签收，今天就给您处理退款", "好的，大概多久到账", "原路退回，余额即时到账，银行卡 1-5 个工作日", "好，谢谢"] },
    { ask: "换货怎么换", exchange: ["亲，在订单详情申请售后，选「换货」并填写要换的规格，我们收到寄回的商品就发新的", "运费谁出", "换货运费由我们承担，寄回时选到付就可以", "好的"] },
  ],
  payment: [
    { ask: "付款一直失败怎么办", exchange: ["亲，付款失败一般是银行卡限额，换张卡或者用支付宝试试", "用支付宝付成功了", "好的，订单已经显示支付成功了～"] },
    { ask: "扣了两次钱", exchange: ["亲，重复扣款的那笔会在 24 小时内自动退回，不用担心", "好的，那我等等", "如果明天还没退回，随时联系我们"] },
    { ask: "能开公司抬头的发票吗", exchange: ["可以的，订单完成后在订单详情申请开票，填公司抬头和税号", "专票可以吗", "专票需要提供开票资料，我这边登记一下，3 个工作日内寄出", "好的谢谢"] },
  ],
  account: [
    { ask: "会员积分怎么查", exchange: ["亲，积分在「我的 → 会员中心」里可以看到，消费 1 元积 1 分", "找到了，谢谢"] },
    { ask: "手机号换了怎么改绑", exchange: ["亲，改绑手机号要先验证原手机号，原手机号不用了的话可以人脸验证", "好的我试试", "有问题随时找我～"] },
    { ask: "会员等级怎么升级", exchange: ["亲，一年内累计消费满 2,000 元升白银，满 5,000 元升黄金，升级后自动生效", "明白了"] },
  ],
  complaint: [
    { ask: "发货太慢了，说好 48 小时，三天了还没动", exchange: ["亲，非常抱歉，已经核实是仓库漏发了，今天加急发顺丰", "你们得给个说法", "给您补偿一张 20 元无门槛券，已经发到您的账户", "行吧，尽快发", "一定，发出后第一时间通知您"] },
    { ask: "收到的东西和图片差太多了", exchange: ["亲，很抱歉给您不好的体验，麻烦说一下哪里不一样", "颜色差太多了，完全不是图上的颜色", "给您全额退款，商品不用寄回，照片我们转给质检", "好的，这还差不多"] },
    { ask: "快递员直接扔门口，东西都压坏了", exchange: ["亲，非常抱歉，压坏的部分我们全额赔付，已经向快递公司投诉", "好吧", "赔付款项今天原路退回，给您添麻烦了"] },
  ],
  other: [
    { ask: "你们有实体店吗", exchange: ["亲，我们目前只在线上销售，没有实体店哦", "好的"] },
    { ask: "可以定制吗", exchange: ["亲，这款暂时不支持定制，店里有好几个颜色和规格可以选", "好的我看看"] },
    { ask: "客服几点下班", exchange: ["人工客服每天 9:00-22:00 在线，其他时间智能客服也可以帮您～", "知道了"] },
  ],
};

/** How a shopper the bot answered asks for a person. */
const ASK_FOR_PERSON = ["转人工", "人工客服", "还是转人工吧", "我要找人工"];

/** An article's follow-up when none is written for it below. */
const FOLLOW_UP: Exchange = ["亲，我帮您具体看一下～", "好的", "已经帮您处理好了，您看一下订单详情", "收到，谢谢"];

/** How the agent took up a question the bot had answered with this article, by article id. */
const AFTER_ARTICLE: Record<string, Exchange> = {
  "kb-pf-return": ["亲，签收 7 天内都可以无理由退货，我帮您在订单里发起", "要自己出运费吗", "您的订单有运费险，退货运费由保险赔付", "好的"],
  "kb-pf-refund-time": ["亲，我查了一下，退货已经签收，今天就给您处理退款", "好的，大概多久到账", "原路退回，余额即时到账，银行卡 1-5 个工作日", "好，谢谢"],
  "kb-pf-invoice": ["亲，订单完成后在订单详情申请开票，电子发票 24 小时内发到邮箱", "专票可以吗", "专票需要提供开票资料，我这边登记一下，3 个工作日内寄出", "好的谢谢"],
  "kb-pf-address": ["亲，您的订单还没发货，我这边直接帮您改，新地址发我一下", "浙江省杭州市西湖区文三路 100 号", "已经改好了，您在订单详情里核对一下", "看到了，谢谢"],
  "kb-pf-cancel": ["亲，您的订单还没发货，我帮您取消，款项原路退回", "好的，麻烦了"],
  "kb-pf-price-protect": ["亲，您的订单在价保期内，差价我这边给您申请退回", "好的，多久到账", "审核通过后 1-3 个工作日原路退回"],
  "kb-pf-freight-insurance": ["亲，您这单有运费险，退货时选上门取件，运费由保险公司赔付", "明白了"],
  "kb-pf-payment": ["亲，这款支持花呗分期，3 期免息，结算时选择分期就可以", "好的，那我分 3 期"],
  "kb-pf-coupon": ["亲，您这张券要满 299 才能用，再凑一件就可以了", "那我再看看", "好的，凑单有问题随时找我～"],
  "kb-ap-ship": ["亲，您的订单已经在打包了，今天就能发出", "大概几天到", "江浙沪次日达，其他地区 2-3 天，发出后有物流通知", "好的谢谢"],
  "kb-ap-size": ["亲，方便说一下您的身高体重吗？帮您推荐尺码", "165，52 公斤", "建议选 M 码，这款版型偏宽松，穿着刚好", "好的，那我拍 M"],
  "kb-ap-wash": ["亲，这款是羊毛混纺，建议干洗或者手洗，不要机洗甩干", "手洗用什么水温", "30℃ 以下的冷水，加中性洗涤剂，平铺晾干就不会变形", "明白了"],
  "kb-ap-express": ["亲，默认发中通，需要顺丰的话我帮您备注，补 8 元运费差价就可以", "那发顺丰吧", "好的，已经给您备注好了"],
  "kb-el-warranty": ["亲，整机保修一年，您把故障情况说一下", "屏幕有一条竖线", "这个属于保修范围，给您安排寄修，顺丰上门取件，修好免费寄回", "好的"],
  "kb-el-genuine": ["亲，我们是品牌授权店，全部国行正品，收到后可以在官网查序列号", "有发票吗", "有的，随货附电子发票", "好的，放心了"],
  "kb-el-ship": ["亲，您的订单今天 16:00 前就会发出，顺丰包邮", "好的"],
  "kb-el-dead": ["亲，很抱歉，新机 15 天内性能故障可以直接换新，麻烦拍一段开机的视频", "视频发你了，一直黑屏", "看到了，给您换新，快递员明天上门取件", "好的，尽快"],
  "kb-fd-shelf": ["亲，这批是上个月生产的，保质期 12 个月，放心购买", "收到后要冷藏吗", "开封前常温避光保存，开封后建议密封冷藏，一周内吃完"],
  "kb-fd-broken": ["亲，很抱歉，坏果我们包赔，您大概坏了几个", "一箱坏了 5 个", "按比例给您退 25 元，已经提交，原路退回", "好的，谢谢"],
  "kb-fd-ship": ["亲，您的订单今天 15:00 前发出，生鲜走顺丰冷链", "好的"],
  "kb-bt-allergy": ["亲，这款不含酒精和香精，敏感肌也可以用，建议先在耳后试用", "孕期能用吗", "成分比较温和，不过孕期还是建议先问一下医生哦"],
  "kb-bt-genuine": ["亲，全部是品牌官方授权的正品，每件都有防伪码，可以扫码验证", "好的，放心了"],
  "kb-bt-ship": ["亲，您的订单已经打包好了，今天就发出", "好的，谢谢"],
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
  // A question an article answers, or, now and then (always for the topics no article covers), one none does.
  const article = candidates.length && rng.chance(0.8) ? rng.pick(candidates) : null;
  const unanswered = rng.pick(UNANSWERED[plan.topic]);
  say(customer, { text: article ? askedAs(rng, article) : unanswered.ask }, plan.openedAt);

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
  // Now and then (one in seven) a busy agent's slow first reply, which 质检 flags; drawn from the
  // session's own stream, so the rest of the mall stays as it was.
  const typed = later(5, 40);
  const busy = Rng.for(`first-reply:${plan.sessionId}`);
  const firstResponseAt = say(agent, { text: `您好，我是${plan.agent.name}，很高兴为您服务～` }, busy.chance(1 / 7) ? typed + busy.int(60, 180) * 1000 : typed);
  (article ? (AFTER_ARTICLE[article.id] ?? FOLLOW_UP) : unanswered.exchange).forEach((line, i) => say(i % 2 === 0 ? agent : customer, { text: line }, later(20, 120)));
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
