/**
 * Whether a message is about an order at all, and what it says about the order page the chat
 * was opened from. "在吗" and "这款有黑色吗" are not about an order; "我的快递到哪了",
 * "昨天买的耳机", "199那单" are.
 */

/** Order-ness markers of a message, beside the time/amount/status/product signals. */
export interface OrderCues {
  /** 订单, 那单, 包裹, order, package… */
  orderNoun: boolean;
  /** A past purchase: 买的, 下单了, bought, ordered… */
  purchased: boolean;
  /** 我的 / my: possessed things are bought things. */
  possessive: boolean;
  /** 那双 / 那件 / that pair: pointing back at something already known. */
  pointsBack: boolean;
  /** 这单 / 这个订单 / this order: the entry order, if any. */
  thisOrder: boolean;
  /** 不是这单 / another order: explicitly not the entry order. */
  notThisOrder: boolean;
  /** A pre-sale question (stock, size, coupon): products, not orders. */
  presale: boolean;
  /** 这些 / 两单 / both: several orders meant, so a choice is shown even when one leads. */
  plural: boolean;
}

const ORDER_NOUN = /订单|单子|[这那上前]一?单|下的单|包裹|快递|发票|开票|保修|评价|\binvoice|\breceipt|\bwarranty|\border(?:s)?\b|\bpackage|\bparcel|\bpurchase|\bshipment|\bdelivery/;
const PURCHASED = /买的|买了|买过|下单|下了单|拍的|拍了|订的|付了款|付款了|购买的|\b(?:bought|ordered|purchased|i got|i paid)\b/;
const POSSESSIVE = /我的|我买|\bmy\b|\bmine\b/;
const POINTS_BACK = /那(?:双|件|条|个|台|部|盒|箱|套|副|瓶|支|款|份)|\bthat (?:pair|one|thing)\b|\bthose\b/;
const THIS_ORDER = /这一?单|这(?:个|笔)订单|此订单|这个单|\bthis order\b/;
const NOT_THIS_ORDER = /不是这(?:个|一|笔)?(?:单|订单|个)|另一(?:个)?(?:订单|单)|别的订单|其他订单|\bnot this (?:one|order)\b|\b(?:another|other|different) order\b/;
const PLURAL = /这些|那些|两单|两个订单|几单|几个订单|东西都|一起|分开|都(?:什么时候|啥时候|到了|发货)|\ball (?:of )?(?:my|the) (?:orders|stuff|items|things)\b|\bboth\b/;
const PRESALE = /有货吗|有没有货|还有货|什么时候有货|补货|尺码推荐|多大码|穿多大|能便宜|优惠券|包邮吗|发什么快递|用什么快递|是正品吗|这款|推荐|哪款|\bin stock\b|\bdo you (?:have|sell)\b|\bcoupon\b|\bdiscount code\b/;

/** Reads the order-ness markers of a normalised message. */
export function detectCues(text: string): OrderCues {
  return {
    orderNoun: ORDER_NOUN.test(text),
    purchased: PURCHASED.test(text),
    possessive: POSSESSIVE.test(text),
    pointsBack: POINTS_BACK.test(text),
    thisOrder: THIS_ORDER.test(text),
    notThisOrder: NOT_THIS_ORDER.test(text),
    presale: PRESALE.test(text),
    plural: PLURAL.test(text),
  };
}

/** Which signals the message carries, for deciding whether it refers to an order. */
export interface SignalsPresent { time: boolean; amount: boolean; status: boolean; statusGenericOnly: boolean; product: boolean }

/**
 * True when the message refers to an order. Status words, a past purchase or an amount (read
 * only with a money cue, "199那单") do on their own; a time or product word does only with
 * something that ties it to a purchase ("昨天的耳机", "我的耳机", "那双鞋"), because
 * "耳机有优惠吗" and "昨天问过了" are not about orders. Pre-sale questions need a real status
 * word ("这款还没发货") to count.
 */
export function refersToOrder(c: OrderCues, s: SignalsPresent): boolean {
  if (c.presale && !c.purchased) return (s.status && !s.statusGenericOnly) || c.thisOrder;
  if (s.status || c.purchased || c.orderNoun || c.thisOrder || c.notThisOrder) return true;
  const anchored = c.possessive || c.pointsBack;
  if (s.amount) return true;
  if (s.time) return s.product || anchored;
  return s.product && anchored;
}
