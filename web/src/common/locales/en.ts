import { enAdmin } from "./en-admin";
import { enBot } from "./en-bot";
import { enContext } from "./en-context";
import { enKb } from "./en-kb";
import { enLearn } from "./en-learn";
import { enQueue } from "./en-queue";
import { enProactive } from "../../../../core/domain/proactive/notice-text";
import { enAccount } from "./en-account";
import { enRating } from "./en-rating";
import { enAnalytics } from "./en-analytics";
import { enTickets } from "./en-tickets";
import { enProactivePage } from "./en-proactive";
import { enQuality } from "./en-quality";
import type { zhCN } from "./zh-CN";

/** English. Typed against the Chinese dictionary so a missing key fails typecheck. */
export const en: Record<keyof typeof zhCN, string> = {
  ...enQueue,
  ...enAdmin,
  ...enBot,
  ...enContext,
  ...enKb,
  ...enLearn,
  ...enProactive,
  ...enAccount,
  ...enRating,
  ...enAnalytics,
  ...enTickets,
  ...enProactivePage,
  ...enQuality,
  "app.console": "Agent Workspace",
  "app.widget": "Customer Service",
  "lang.switch": "中文",
  "lang.switchLabel": "Switch to Chinese",

  "conn.connecting": "Connecting",
  "conn.open": "Connected",
  "conn.reconnecting": "Reconnecting",
  "conn.offline": "Disconnected",

  "login.title": "Agent sign-in",
  "login.subtitle": "Sign in to start serving customers",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",
  "login.expired": "Your session has ended (it expired or was logged out). Please sign in again.",
  "login.failed": "Wrong e-mail or password",
  "login.disabled": "This account is disabled: ask your shop's admin",
  "login.locked": "Too many failed sign-ins: this account is locked on this network for {min} min. Try again then.",
  "header.logout": "Sign out",

  "staffRole.platform_admin": "Platform admin",
  "staffRole.platform_agent": "Platform agent",
  "staffRole.shop_admin": "Shop admin",
  "staffRole.shop_agent": "Shop agent",

  "threads.title": "Conversations",
  "threads.empty": "No conversations yet",
  "threads.loading": "Loading…",
  "threads.searchPlaceholder": "Search by customer name, ID, e-mail or order no.",
  "threads.searchEmpty": "No matching chats",
  "threads.searching": "Searching…",
  "threads.refresh": "Refresh",
  "threads.unread": "{n} unread",
  "status.waiting": "Waiting",
  "status.active": "In progress",
  "status.ended": "Resolved",

  "level.normal": "Member",
  "level.silver": "Silver",
  "level.gold": "Gold",
  "level.vip": "VIP",

  "time.yesterday": "Yesterday",

  "conv.pick": "Select a conversation on the left",
  "conv.noMessages": "No messages yet",
  "conv.messages": "Messages",
  "conv.loadEarlier": "Load earlier messages",
  "conv.loadingEarlier": "Loading…",
  "conv.start": "Beginning of the conversation",
  "conv.resolve": "Resolve",
  "conv.typing": "The other side is typing…",
  "conv.read": "Read",
  "conv.unread": "Unread",
  "conv.sending": "Sending…",
  "conv.uploading": "Uploading…",
  "conv.failed": "Not sent",
  "conv.retry": "Retry",
  "conv.discard": "Discard",
  "conv.dismiss": "Dismiss",
  "conv.from": "From",
  "conv.customerId": "Customer ID",
  "conv.openedAt": "Started",

  "channel.pc": "PC",
  "channel.h5": "Mobile web",
  "channel.app": "App",
  "channel.miniprogram": "Mini program",
  "channel.email": "Email",
  "channel.api": "API",
  "entry.product": "Product page",
  "entry.order": "Order page",
  "entry.shop": "Shop page",
  "entry.help": "Help center",

  "sender.agent": "Agent",

  "composer.label": "Message",
  "composer.placeholder": "Type a message. Enter to send, Shift+Enter for a new line",
  "composer.send": "Send",
  "composer.image": "Send an image",

  "notice.session.resolved": "This conversation has been resolved",
  "notice.session.closed_idle": "The conversation was closed after a period of inactivity",
  "notice.unknown": "System message",

  "card.order": "Order",
  "card.orderNo": "Order No.",
  "card.total": "Total",
  "card.placedAt": "Placed",
  "card.product": "Product",

  "media.image": "Image",
  "media.loading": "Loading…",
  "media.failed": "Could not load",
  "media.voice": "Voice message, {sec} s",

  "errors.invalid_input": "Invalid input",
  "errors.unauthorized": "Authentication failed",
  "errors.forbidden": "Not allowed",
  "errors.not_found": "Not found",
  "errors.conflict": "Conflict",
  "errors.payload_too_large": "Too large",
  "errors.unsupported_media_type": "Unsupported file type",
  "errors.locked": "Too many failed attempts. Try again later.",
  "errors.rate_limited": "Sending too fast. Please wait a moment.",
  "errors.unavailable": "Service unavailable",
  "errors.network": "Network error",
  "errors.internal": "Server error",
  "errors.file_type": "Only JPG, PNG, GIF or WebP images",
  "errors.file_size": "Images may be at most {mb} MB",
  "errors.text_length": "Messages may be at most {max} characters",

  "widget.loading": "Connecting to customer service…",
  "widget.pickTitle": "Choose a demo shopper",
  "widget.pickHint": "Demo mode: chat as one of the mall's shoppers, or continue as a guest.",
  "widget.guest": "Continue as guest",
  "widget.switch": "Switch shopper",
  "widget.welcome": "Hi! How can we help you today?",
  "widget.sendProduct": "Send product",
  "widget.sendOrder": "Send order",
  "widget.askingAbout": "You are asking about",
  "widget.orderEntry": "Order {id}",
  "widget.stock": "{n} in stock",
  "widget.soldOut": "Sold out",
  "widget.retry": "Retry",
  "widget.signedOut": "Your sign-in has ended (it expired, or the mall signed you out). Go back to the mall and open customer service again to continue your conversation.",

  "msg.note": "Internal note",
  "queue.queued": "Connecting you to an agent: {n} ahead of you",
  "queue.waiting": "Connecting you to an agent…",
  "queue.unavailable": "No agents are available right now. Please try again later.",
  "queue.overflowed": "We are busier than usual. Thanks for waiting.",
  "conv.agent": "Agent",
  "conv.shop": "Shop",
};
