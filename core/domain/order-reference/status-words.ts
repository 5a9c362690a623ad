/**
 * Status words → how well each order status fits: "还没到" fits an order in transit, a little
 * an order not yet shipped (the shopper may not know), and a delivered one some (the tracking
 * may say delivered while the parcel is lost). Negated phrases are read first and blanked so
 * "没收到" is never read as "收到".
 */
import type { OrderStatus } from "../catalog";
import { maskSpan } from "./time-context";
import type { SignalScore } from "./types";

type Fit = Partial<Record<OrderStatus, number>>;
interface Cue { name: string; re: RegExp; fit: Fit; generic?: boolean }

const IN_TRANSIT: Fit = { shipped: 1, delivered: 0.5, paid: 0.4, pending_payment: 0.1 };
// Tracking often lags the parcel, so a complaint about the goods half-fits an order "in transit".
const AFTER_SALES: Fit = { delivered: 1, completed: 0.9, refunding: 0.5, shipped: 0.5 };

/** Most specific first; every match is blanked before the next cue is tried. */
const CUES: Cue[] = [
  { name: "delivered_missing", re: /(?:显示|说|已经?)签收.{0,8}(?:没|没有|未)收到|(?:says|shows|marked)(?: as)? delivered but/g, fit: { delivered: 1, completed: 0.7, shipped: 0.5 } },
  {
    name: "refund_progress",
    re: /退款(?:进度|到账|到哪|什么时候到|怎么还没|还没到|没到账|多久到|呢)|钱(?:还没|什么时候|怎么还没|啥时候)退|退的钱|(?:还没|没)(?:收到|到账)(?:的)?退款|refund status|refund update|update on (?:my |the )?refund|where(?:'s| is) my refund|(?:haven't|have not|not|never) (?:got|gotten|received) (?:my |the )?refund|refund (?:hasn't|has not|not yet|still)/g,
    fit: { refunding: 1, refunded: 0.8, cancelled: 0.3 },
  },
  { name: "cancelled", re: /已取消|被取消|怎么取消了|自动取消|was cancell?ed|got cancell?ed/g, fit: { cancelled: 1 } },
  {
    name: "not_shipped",
    re: /(?:还没|还未|怎么还不|怎么还没|怎么不|咋还不|咋还没|没有?|不|还不)发(?:货)?(?!票)|什么时候发|几时发|何时发|啥时候发|多久发|发货了(?:吗|没)|发了(?:吗|没)|发出(?:去)?了(?:吗|没)|催(?:一下)?发货|催单|能发货|(?:not|hasn't|has not|haven't|wasn't|never|not yet) (?:been )?(?:shipped|sent|dispatched)|when (?:will|do|can) you ship|when will (?:it|my order|this|they) (?:be )?(?:ship|shipped|sent|dispatched)/g,
    fit: { paid: 1, pending_payment: 0.3, shipped: 0.3 },
  },
  {
    name: "in_transit",
    re: /(?:还没|还未|没有?|怎么还不|咋还不|一直没|迟迟不|还不)(?:到|收到|送到|送来|来)|(?:送)?到了(?:吗|没|嘛)|到没到|到哪|在哪|什么时候(?:能)?(?:到|送到|送来)|多久(?:能)?到|几时到|快到了|物流|快递单号|运单|派送|配送|在路上|不动了|没更新|没动静|where(?:'s| is) my (?:order|package|parcel|stuff|delivery)|where (?:is|are) (?:it|they|my)\b|arrived yet|(?:hasn't|has not|have not|haven't|didn't|not|never)\s+(?:yet )?(?:arrived|received|got|gotten|come|been delivered|shown up|showed up)|tracking|in transit|(?:still )?not here|when will (?:it|they|my \w+) (?:arrive|come|get here|be delivered)|still waiting|not here yet/g,
    fit: IN_TRANSIT,
  },
  {
    name: "unpaid",
    re: /(?:没|未|还没|没有)(?:付款|支付|付钱|付)|待付款|付不了|付款失败|支付失败|付不上|支付不了|付款不成功|怎么付款|去付款|(?:haven't|not|didn't|did not) (?:yet )?paid|unpaid|payment (?:failed|didn't go through|declined|pending)|can't pay|couldn't pay|pay for/g,
    fit: { pending_payment: 1, cancelled: 0.3 },
  },
  {
    name: "after_sales",
    re: /坏了|破损|破了|碎了|裂了|碎屏|划痕|漏了|没声音|没有声音|不响|充不进电|充不上电|开不了机|开不了|黑屏|死机|不亮|质量(?:问题|不好|太差|差)|发错|少发|漏发|不能用|用不了|有问题|瑕疵|掉色|开线|过期|变质|烂了|不新鲜|尺码不对|太大了|太小了|不合适|不合身|broken|damaged|defective|faulty|cracked|scratched|leaking|no sound|won't turn on|won't charge|wrong (?:item|size|colou?r)|missing (?:item|part)|doesn't work|not working|stopped working|expired|spoiled|rotten|doesn't fit|too (?:big|small)/g,
    fit: AFTER_SALES,
  },
  { name: "refund", re: /退款|退货|退钱|退掉|退了|想退|要退|换货|售后|七天无理由|refund|return|exchange|send (?:it )?back|money back/g, fit: { refunding: 1, refunded: 0.9, delivered: 1, completed: 0.7, paid: 0.6, shipped: 0.5 } },
  // Billing complaints concern any order that was paid for.
  { name: "billing", re: /扣了两次|重复扣款|多扣|扣错|乱扣|charged twice|double charged|overcharged|charged (?:me )?(?:the )?wrong/g, fit: { paid: 1, shipped: 1, delivered: 1, completed: 0.8, pending_payment: 0.8, refunding: 0.6 } },
  { name: "cancel", re: /取消|不想要了|不要了|cancel/g, fit: { pending_payment: 1, paid: 1, shipped: 0.5, cancelled: 0.6 } },
  { name: "address", re: /改(?:一下)?地址|修改地址|地址(?:写)?错|换(?:个)?地址|改收货|change (?:the |my )?(?:shipping |delivery )?address|wrong address/g, fit: { paid: 1, pending_payment: 0.8, shipped: 0.4 } },
  { name: "delivered", re: /已经?签收|签收了|收到了|已收到|到货了|拿到了|确认收货|到了|received|delivered|arrived|got (?:it|my|the)/g, fit: { delivered: 1, completed: 0.9, refunding: 0.3 } },
  // Bare logistics nouns say "an order in the post" only when nothing more specific is said.
  { name: "logistics", re: /快递|包裹|(?:一起|分开|分别)发|shipping|delivery|shipment|courier|package|parcel/g, fit: { shipped: 1, delivered: 0.7, paid: 0.5 }, generic: true },
];

/** A status phrase found in the message. */
export interface StatusCue { name: string; fit: Fit }

/** Finds status phrases; returns them and the text with them blanked. */
export function extractStatusWords(text: string): { cues: StatusCue[]; rest: string } {
  const cues: StatusCue[] = [];
  let rest = text;
  for (const cue of CUES) {
    cue.re.lastIndex = 0;
    const source = rest;
    for (const m of source.matchAll(cue.re)) {
      rest = maskSpan(rest, m.index, m[0].length);
      if (!cue.generic || cues.every((c) => c.name === "logistics")) cues.push({ name: cue.name, fit: cue.fit });
    }
  }
  return { cues, rest };
}

/** The status signal; an order scores its best fit over the phrases. */
export function statusSignal(cues: StatusCue[]): SignalScore | undefined {
  if (cues.length === 0) return undefined;
  return {
    kind: "status",
    weight: 1.5,
    weightWhenUnmatched: 1.5,
    match(order) {
      let best = 0;
      let name: string | undefined;
      for (const c of cues) {
        const s = c.fit[order.status] ?? 0;
        if (s > best) {
          best = s;
          name = c.name;
        }
      }
      return { score: best, reason: name ? `status:${name}` : undefined };
    },
  };
}
