/**
 * General customer-service language knowledge for lexical search: function words that say
 * nothing about the topic, and synonyms shoppers use for the same request. Only common language
 * belongs here (never a shop's or a data set's own wording): a phrase a shopper might say to any
 * mall's service desk, mapped to the one form the index stores.
 */

/** English words that carry no topic: grammar, and the filler of service requests ("I need help to…"). */
export const EN_STOP = new Set(
  (
    "a an the and or but if of to in on at by for from with about into over as is are was were be been being am " +
    "i me my mine we us our you your yours ur u ya he she it its they them their this that these those there here " +
    "do does did doing done have has had having can could would should will shall may might must " +
    "not no yes so too very just also still then than some any all each few several many more most much " +
    "what which who whom whose where when why how whether " +
    "help helps assist assistance assisting need needs want wanna gotta got get getting like would please pls plz " +
    "know tell show let give information info trying try way ask asking call calling hi hello hey thanks thank " +
    "im dont doesnt didnt cant wont id ive youre possible able sure ok okay goddamn damn bloody fucking"
  ).split(" "),
);

/**
 * Chinese particles, pronouns and politeness: one character or a common filler word. They are kept
 * in the text (bigrams still see them) but weigh almost nothing.
 */
export const ZH_STOP = new Set(
  (
    "的 了 吗 呢 吧 啊 呀 哦 哈 嘛 么 嗯 哟 啦 咯 着 过 地 得 " +
    "我 你 您 他 她 它 我的 你的 您的 我们 你们 他们 我们的 你们的 自己 这 那 这个 那个 这样 那样 这些 那些 " +
    "是 在 和 与 及 或 也 都 就 又 还是 而且 但是 可是 因为 所以 如果 " +
    "为什 请问 请 麻烦 一下 帮 帮我 帮忙 亲 您好 你好 谢谢 好的 想 要 想要 需要 现在 一个 有没有 是不是"
  ).split(" "),
);

/** Question words: they tell "why" from "how" and "when", but say little about the topic. */
export const ZH_LIGHT = new Set("什么 怎么 为什么 什么时候 多久 可以 哪里 哪 是否".split(" "));

/** Characters that never start or end a meaningful Chinese bigram (particles). */
export const ZH_PARTICLES = new Set("的了吗呢吧啊呀哦哈嘛么嗯哟啦咯".split(""));

/**
 * Chinese variants rewritten to one form before tokenizing (longest first), so the character
 * bigrams of both wordings meet: 为啥 / 为何 → 为什么, 用不了 → 不能用, 登陆 → 登录 (a common slip).
 */
export const ZH_REWRITES: ReadonlyArray<readonly [string, string]> = [
  ["为啥", "为什么"], ["为何", "为什么"], ["咋回事", "为什么"], ["怎么回事", "为什么"], ["干嘛", "为什么"],
  // 怎么 before a negation asks why, not how: 怎么不能用 = 为什么不能用.
  ["怎么不", "为什么不"], ["怎么没", "为什么没"], ["怎么还不", "为什么还不"], ["怎么就", "为什么就"],
  ["怎么样", "怎么"], ["怎样", "怎么"], ["如何", "怎么"], ["咋样", "怎么"], ["咋", "怎么"], ["怎么办", "怎么"],
  ["啥时候", "什么时候"], ["何时", "什么时候"], ["几时", "什么时候"], ["啥", "什么"],
  ["多长时间", "多久"], ["多少天", "多久"], ["要几天", "多久"],
  ["用不了", "不能用"], ["无法使用", "不能用"], ["不能使用", "不能用"], ["没法用", "不能用"],
  ["无法", "不能"], ["没法", "不能"], ["没办法", "不能"], ["不能够", "不能"], ["不可以", "不能"],
  ["能不能", "可以"], ["可不可以", "可以"], ["能否", "可以"], ["是否可以", "可以"], ["行不行", "可以"], ["可否", "可以"],
  ["帐", "账"], ["账户", "账号"], ["登陆", "登录"], ["手机号码", "手机号"], ["电话号码", "手机号"],
  ["关掉", "关闭"], ["停用", "关闭"], ["撤销", "取消"], ["撤回", "取消"], ["退订", "取消"],
  ["退钱", "退款"], ["还钱", "还款"], ["付钱", "付款"],
  ["开启", "开通"], ["启用", "开通"], ["更改", "修改"], ["变更", "修改"], ["删掉", "删除"],
  ["查询", "查看"], ["解除绑定", "解绑"], ["取消绑定", "解绑"], ["人工客服", "人工"], ["真人", "人工"],
  ["提高", "提升"], ["增加", "提升"], ["调高", "提升"], ["减少", "降低"], ["调低", "降低"],
  ["寄出", "发货"], ["发出", "发货"], ["快递", "物流"], ["到帐", "到账"],
];

/** English phrases rewritten before tokenizing ("money back" is a refund). */
export const EN_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ["money back", "refund"], ["sign up", "register"], ["sign-up", "register"], ["log in", "login"], ["sign in", "login"],
  ["customer service", "support"], ["customer support", "support"], ["customer care", "support"], ["customer assistance", "support"],
  ["set up", "setup"], ["how long", "arrive"], ["how soon", "arrive"], ["early exit", "cancel"], ["pin code", "password"],
  ["access key", "password"], ["e-mail", "email"], ["live chat", "chat"], ["real person", "human"],
];

/**
 * English words mapped to one concept: what service desks treat as the same request. Written as
 * plain words; `analyze.ts` stems both sides, so every inflection meets.
 */
export const EN_SYNONYMS: ReadonlyArray<readonly [string, string]> = (
  "purchase:order buy:order bought:order " +
  "reimbursement:refund reimburse:refund restitution:refund compensation:refund compensate:refund " +
  "bill:invoice receipt:invoice " +
  "ship:deliver shipping:deliver shipment:deliver delivery:deliver " +
  "profile:account user:account " +
  "pin:password passcode:password passwd:password " +
  "speak:contact talk:contact reach:contact " +
  "person:human someone:human somebody:human operator:human agent:human representative:human rep:human " +
  "claim:complaint reclamation:complaint complain:complaint " +
  "feedback:review opinion:review " +
  "modify:change edit:change update:change correct:change swap:change alter:change " +
  "remove:delete erase:delete " +
  "open:create registration:register signup:register " +
  "charge:fee penalty:fee cost:fee " +
  "withdraw:cancel withdrawal:cancel terminate:cancel termination:cancel " +
  "option:method modality:method mode:method " +
  "issue:problem error:problem trouble:problem bug:problem " +
  "arrival:arrive eta:arrive mail:email subscription:subscribe modification:change"
)
  .split(" ")
  .map((pair) => pair.split(":") as [string, string]);

/** Irregular English forms the suffix rules cannot reach. */
export const EN_LEMMAS: ReadonlyMap<string, string> = new Map(
  "paid:pay sent:send went:go gone:go made:make took:take taken:take using:use used:use lost:lose children:child"
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);
