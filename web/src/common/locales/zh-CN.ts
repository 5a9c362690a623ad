import { zhAdmin } from "./zh-CN-admin";
import { zhBot } from "./zh-CN-bot";
import { zhContext } from "./zh-CN-context";
import { zhKb } from "./zh-CN-kb";
import { zhLearn } from "./zh-CN-learn";
import { zhQueue } from "./zh-CN-queue";
import { zhProactive } from "../../../../core/domain/proactive/notice-text";
import { zhAccount } from "./zh-CN-account";
import { zhRating } from "./zh-CN-rating";
import { zhAnalytics } from "./zh-CN-analytics";
import { zhTickets } from "./zh-CN-tickets";
import { zhProactivePage } from "./zh-CN-proactive";
import { zhQuality } from "./zh-CN-quality";

/** Simplified Chinese, the default UI language. The English dictionary must have every key. */
export const zhCN = {
  ...zhQueue,
  ...zhAdmin,
  ...zhBot,
  ...zhContext,
  ...zhKb,
  ...zhLearn,
  ...zhProactive,
  ...zhAccount,
  ...zhRating,
  ...zhAnalytics,
  ...zhTickets,
  ...zhProactivePage,
  ...zhQuality,
  "app.console": "客服工作台",
  "app.widget": "在线客服",
  "lang.switch": "EN",
  "lang.switchLabel": "切换到英文",

  "conn.connecting": "连接中",
  "conn.open": "已连接",
  "conn.reconnecting": "重连中",
  "conn.offline": "已断开",

  "login.title": "客服登录",
  "login.subtitle": "登录后即可接待顾客咨询",
  "login.email": "邮箱",
  "login.password": "密码",
  "login.submit": "登录",
  "login.submitting": "登录中…",
  "login.expired": "登录已失效，请重新登录",
  "login.failed": "邮箱或密码错误",
  "login.disabled": "此账号已停用，请联系店铺管理员",
  "login.locked": "登录失败次数过多，此账号在当前网络已暂时锁定，请 {min} 分钟后再试",
  "header.logout": "退出登录",

  "staffRole.platform_admin": "平台管理员",
  "staffRole.platform_agent": "平台客服",
  "staffRole.shop_admin": "店铺管理员",
  "staffRole.shop_agent": "店铺客服",

  "threads.title": "会话列表",
  "threads.empty": "暂无会话",
  "threads.loading": "加载中…",
  "threads.searchPlaceholder": "搜索顾客姓名、ID、邮箱或订单号",
  "threads.searchEmpty": "没有找到相关会话",
  "threads.searching": "搜索中…",
  "threads.refresh": "刷新",
  "threads.unread": "{n} 条未读",
  "status.waiting": "待接入",
  "status.active": "处理中",
  "status.ended": "已结束",

  "level.normal": "普通会员",
  "level.silver": "白银会员",
  "level.gold": "黄金会员",
  "level.vip": "VIP",

  "time.yesterday": "昨天",

  "conv.pick": "请在左侧选择一个会话",
  "conv.noMessages": "还没有消息",
  "conv.messages": "消息列表",
  "conv.loadEarlier": "加载更早的消息",
  "conv.loadingEarlier": "加载中…",
  "conv.start": "以上是全部历史消息",
  "conv.resolve": "结束会话",
  "conv.typing": "对方正在输入…",
  "conv.read": "已读",
  "conv.unread": "未读",
  "conv.sending": "发送中…",
  "conv.uploading": "上传中…",
  "conv.failed": "发送失败",
  "conv.retry": "重试",
  "conv.discard": "删除",
  "conv.dismiss": "关闭",
  "conv.from": "来自",
  "conv.customerId": "顾客 ID",
  "conv.openedAt": "开始时间",

  "channel.pc": "PC",
  "channel.h5": "H5",
  "channel.app": "App",
  "channel.miniprogram": "小程序",
  "channel.email": "邮件",
  "channel.api": "API",
  "entry.product": "商品页",
  "entry.order": "订单页",
  "entry.shop": "店铺页",
  "entry.help": "帮助中心",

  "sender.agent": "客服",

  "composer.label": "输入消息",
  "composer.placeholder": "输入消息，Enter 发送，Shift+Enter 换行",
  "composer.send": "发送",
  "composer.image": "发送图片",

  "notice.session.resolved": "本次会话已结束",
  "notice.session.closed_idle": "会话长时间无新消息，已自动结束",
  "notice.unknown": "系统消息",

  "card.order": "订单",
  "card.orderNo": "订单号",
  "card.total": "实付",
  "card.placedAt": "下单时间",
  "card.product": "商品",

  "media.image": "图片",
  "media.loading": "加载中…",
  "media.failed": "无法加载",
  "media.voice": "语音 {sec} 秒",

  "errors.invalid_input": "内容不符合要求",
  "errors.unauthorized": "身份验证失败",
  "errors.forbidden": "没有权限",
  "errors.not_found": "未找到",
  "errors.conflict": "操作冲突",
  "errors.payload_too_large": "内容过大",
  "errors.unsupported_media_type": "不支持的文件类型",
  "errors.locked": "失败次数过多，请稍后再试",
  "errors.rate_limited": "发送太频繁，请稍后再试",
  "errors.unavailable": "服务暂不可用",
  "errors.network": "网络连接失败",
  "errors.internal": "服务器出错了",
  "errors.file_type": "仅支持 JPG、PNG、GIF、WebP 图片",
  "errors.file_size": "图片不能超过 {mb} MB",
  "errors.text_length": "消息最多 {max} 字",

  "widget.loading": "正在连接客服…",
  "widget.pickTitle": "选择一位演示顾客",
  "widget.pickHint": "演示模式：以商城顾客的身份咨询，或以访客身份继续。",
  "widget.guest": "以访客身份咨询",
  "widget.switch": "切换身份",
  "widget.welcome": "您好，请问有什么可以帮您？",
  "widget.sendProduct": "发送商品",
  "widget.sendOrder": "发送订单",
  "widget.askingAbout": "您正在咨询",
  "widget.orderEntry": "订单 {id}",
  "widget.stock": "库存 {n}",
  "widget.soldOut": "已售罄",
  "widget.retry": "重试",
  "widget.signedOut": "您的登录已失效（已过期，或商城已将您退出）。请回到商城重新进入客服，以继续您的会话。",

  "msg.note": "内部备注",
  "queue.queued": "正在为您转接人工客服，前面还有 {n} 位",
  "queue.waiting": "正在为您转接人工客服…",
  "queue.unavailable": "当前暂无客服在线，请稍后再试",
  "queue.overflowed": "当前咨询人数较多，请耐心等待",
  "conv.agent": "接待客服",
  "conv.shop": "店铺",
} as const;
