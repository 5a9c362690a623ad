import type { zhBot } from "./zh-CN-bot";

/** English for the service bot and parcel tracks. */
export const enBot: Record<keyof typeof zhBot, string> = {
  "notice.bot.greeting.product": "Hi, I'm the virtual assistant. What would you like to know about this item?",
  "notice.bot.greeting.order": "Hi, I'm the virtual assistant. How can I help with this order?",
  "notice.bot.greeting.general": "Hi, I'm the virtual assistant, here 24/7. Ask me anything, or tap a common question:",
  "notice.bot.suggest": "Did you mean:",
  "notice.bot.not_understood": "Sorry, I didn't understand. Try asking another way, or talk to an agent.",
  "notice.bot.which_order": "Which order is this about? Just tap it:",
  "notice.bot.sorry": "Sorry that didn't help. You can talk to an agent if you like.",
  "notice.bot.handoff": "Connecting you to an agent ({reason})",
  "notice.bot.outside_hours": "Our agents are away right now. Leave a message and we'll reply as soon as we're back.",

  "handoff.asked": "as you asked",
  "handoff.upset": "so a person can sort this out for you",
  "handoff.low_confidence": "the assistant couldn't answer",
  "handoff.rule": "as the shop arranged",
  "handoff.order_unresolved": "an agent will check your order",

  "status.bot": "Bot",
  "sender.bot": "Virtual assistant",

  "bot.holdHint": "The virtual assistant is handling this chat; reply to take it over",
  "bot.toHuman": "Talk to an agent",
  "bot.serving": "You're chatting with the virtual assistant",
  "bot.humanRequested": "Connecting…",
  "bot.quickReplies": "Quick questions",
  "bot.orderChoices": "Choose an order",
  "bot.pickOrder": "This one",
  "bot.fromKnowledge": "From the knowledge base",
  "bot.feedbackAsk": "Was this helpful?",
  "bot.helpful": "Helpful",
  "bot.unhelpful": "Not helpful",
  "bot.thanks": "Thanks for your feedback!",
  "bot.sorryNoted": "Got it, we'll keep improving",
  "bot.alreadyRated": "You already rated this answer",
  "bot.feedbackFailed": "Feedback not sent",

  "track.collected": "Picked up",
  "track.in_transit": "In transit",
  "track.at_hub": "At sorting hub",
  "track.out_for_delivery": "Out for delivery",
  "track.delivered": "Delivered",
  "track.exception": "Exception",
  "track.returned": "Returned",
  "track.more": "Show all {n}",
  "track.less": "Show less",
} as const;
