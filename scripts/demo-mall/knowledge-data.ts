/**
 * The demo mall's knowledge base: the platform's rules and each shop's frequent questions,
 * written the way a mall's service team writes them. Markdown answers.
 */
export interface DemoArticle {
  id: string;
  shopId: string;
  kind: "platform_rule" | "faq" | "product_info" | "promotion";
  question: string;
  alt: string[];
  answer: string;
  tags?: string[];
  /** Promotions: days relative to now when it starts and ends. */
  windowDays?: [number, number];
}

export const DEMO_ARTICLES: DemoArticle[] = [
  { id: "kb-pf-return", shopId: "platform", kind: "platform_rule", question: "七天无理由退货怎么申请", alt: ["怎么退货", "可以退货吗", "How do I return an item?", "return policy"], answer: "签收后 **7 天内**，商品完好、不影响二次销售即可申请。\n\n1. 打开「我的订单」→ 对应订单 →「申请售后」\n2. 选择「退货退款」并填写原因\n3. 按页面地址寄回，填写快递单号", tags: ["售后", "退货"] },
  { id: "kb-pf-refund-time", shopId: "platform", kind: "platform_rule", question: "退款多久到账", alt: ["退款什么时候到", "钱什么时候退回来", "When will I get my refund?"], answer: "商家确认收货后 **1-3 个工作日** 原路退回：余额即时到账，银行卡 1-5 个工作日，花呗/信用卡以账单为准。", tags: ["退款"] },
  { id: "kb-pf-invoice", shopId: "platform", kind: "platform_rule", question: "怎么开发票", alt: ["发票怎么开", "可以开专票吗", "need an invoice"], answer: "订单完成后在「订单详情 → 申请开票」填写抬头和税号，电子发票 24 小时内发到邮箱；增值税专用发票请联系店铺客服。", tags: ["发票"] },
  { id: "kb-pf-address", shopId: "platform", kind: "platform_rule", question: "下单后可以修改收货地址吗", alt: ["怎么改地址", "地址填错了", "change shipping address"], answer: "**未发货**的订单可在订单详情页「修改地址」；已发货请联系店铺客服协助拦截或转寄。", tags: ["物流", "地址"] },
  { id: "kb-pf-cancel", shopId: "platform", kind: "platform_rule", question: "怎么取消订单", alt: ["不想要了能取消吗", "cancel my order"], answer: "待付款、待发货的订单可在订单详情页直接「取消订单」，已付款的款项会原路退回。已发货的订单请签收后申请退货。", tags: ["订单"] },
  { id: "kb-pf-price-protect", shopId: "platform", kind: "platform_rule", question: "买贵了可以价保吗", alt: ["降价了能退差价吗", "价格保护", "price dropped after I bought it"], answer: "支持价保的商品在签收后 **7 天内** 降价，可在订单详情页「申请价保」，差价自动退回。", tags: ["价保"] },
  { id: "kb-pf-freight-insurance", shopId: "platform", kind: "platform_rule", question: "退货运费谁出", alt: ["运费险怎么用", "退货要自己付运费吗"], answer: "购买了运费险的订单，退货时由保险赔付首重运费；质量问题退货运费由商家承担。", tags: ["退货", "运费"] },
  { id: "kb-pf-payment", shopId: "platform", kind: "platform_rule", question: "支持哪些付款方式", alt: ["可以用花呗吗", "能分期付款吗", "payment methods"], answer: "支持支付宝、微信支付、银行卡、花呗及信用卡分期（部分商品免息）。", tags: ["支付"] },
  { id: "kb-pf-coupon", shopId: "platform", kind: "platform_rule", question: "优惠券怎么用", alt: ["优惠券用不了", "how to use a coupon"], answer: "结算页会自动选择最优优惠券；若不可用，请查看券的使用门槛、适用店铺和有效期。", tags: ["优惠"] },
  { id: "kb-ap-ship", shopId: "apparel", kind: "faq", question: "什么时候发货", alt: ["多久发货", "几天能发货", "When do you ship?"], answer: "亲，现货商品付款后 **48 小时内** 发出，预售商品以详情页标注的时间为准～", tags: ["发货"] },
  { id: "kb-ap-size", shopId: "apparel", kind: "faq", question: "尺码怎么选", alt: ["我适合什么码", "尺码偏大还是偏小", "what size should I buy"], answer: "详情页有尺码表，建议按 **胸围/腰围** 选择；版型标准，介于两个尺码之间选大一码。告诉我身高体重也可以帮您推荐哦。", tags: ["尺码"] },
  { id: "kb-ap-wash", shopId: "apparel", kind: "product_info", question: "衣服怎么洗", alt: ["可以机洗吗", "会不会缩水", "washing instructions"], answer: "纯棉款建议 **30℃ 以下** 冷水机洗、反面晾晒；羊毛和羽绒制品请干洗。首次洗涤轻微缩水（约 2%）属正常。", tags: ["洗涤"] },
  { id: "kb-ap-express", shopId: "apparel", kind: "faq", question: "发什么快递", alt: ["用的什么快递", "能发顺丰吗"], answer: "默认发中通/圆通，江浙沪次日达；需要顺丰可在下单时备注，补运费差价即可。", tags: ["快递"] },
  { id: "kb-ap-promo", shopId: "apparel", kind: "promotion", question: "现在有什么优惠活动", alt: ["有没有优惠", "有优惠券吗", "any discounts"], answer: "冬季上新：全店 **满 299 减 40**，会员再享 95 折，活动截止到本月底。", tags: ["优惠"], windowDays: [-5, 20] },
  { id: "kb-ap-promo-old", shopId: "apparel", kind: "promotion", question: "双十一活动还有吗", alt: ["双十一优惠"], answer: "双十一：全店 5 折起（已结束）。", tags: ["优惠"], windowDays: [-30, -8] },
  { id: "kb-el-warranty", shopId: "electronics", kind: "faq", question: "保修多久", alt: ["有保修吗", "坏了怎么保修", "warranty"], answer: "手机、平板、电脑 **全国联保 1 年**，配件 6 个月；凭订单号即可在官方售后网点或寄回店铺维修。", tags: ["保修"] },
  { id: "kb-el-genuine", shopId: "electronics", kind: "faq", question: "是正品吗", alt: ["是不是行货", "能验证真伪吗", "is it genuine"], answer: "店内商品均为 **国行正品**，支持官网序列号查询，假一赔十。", tags: ["正品"] },
  { id: "kb-el-ship", shopId: "electronics", kind: "faq", question: "什么时候发货", alt: ["多久发货", "今天能发吗"], answer: "16:00 前付款当天发出，顺丰包邮；大件（笔记本、平板）次日发出。", tags: ["发货"] },
  { id: "kb-el-dead", shopId: "electronics", kind: "faq", question: "收到的手机有问题怎么办", alt: ["手机开不了机", "屏幕有坏点", "新机有故障"], answer: "签收 **15 天内** 出现性能故障可换新：请在订单详情页申请售后并附检测报告或视频。", tags: ["售后"] },
  { id: "kb-fd-shelf", shopId: "food", kind: "product_info", question: "保质期多久", alt: ["生产日期是什么时候", "能放多久", "shelf life"], answer: "零食保质期 6-12 个月，茶叶 18 个月，鲜果冷链发货请 **收到后 3 天内** 食用，具体以包装为准。", tags: ["保质期"] },
  { id: "kb-fd-broken", shopId: "food", kind: "faq", question: "收到的水果坏了怎么办", alt: ["水果烂了", "东西压坏了", "fruit arrived damaged"], answer: "签收 **24 小时内** 拍照联系客服，坏果包赔，按坏果比例退款或补发。", tags: ["售后"] },
  { id: "kb-fd-ship", shopId: "food", kind: "faq", question: "什么时候发货", alt: ["多久发货", "冷链发货吗"], answer: "每天 15:00 前下单当天发出，生鲜走顺丰冷链，偏远地区不发生鲜。", tags: ["发货"] },
  { id: "kb-bt-allergy", shopId: "beauty", kind: "faq", question: "敏感肌可以用吗", alt: ["会过敏吗", "孕妇能用吗", "sensitive skin"], answer: "建议先在 **耳后或手腕内侧** 试用 24 小时；孕期请咨询医生。如出现不适请停用并联系客服。", tags: ["护肤"] },
  { id: "kb-bt-genuine", shopId: "beauty", kind: "faq", question: "是正品吗", alt: ["有没有防伪码", "是不是官方的"], answer: "品牌官方授权，每件商品附防伪码，可扫码验证。", tags: ["正品"] },
  { id: "kb-bt-ship", shopId: "beauty", kind: "faq", question: "什么时候发货", alt: ["多久发货"], answer: "付款后 24 小时内发货，默认圆通，满 99 包邮。", tags: ["发货"] },
];
