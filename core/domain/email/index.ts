export { domainOf, normalizeAddress, serviceAddress, shopOfServiceAddress } from "./address";
export { senderAuthenticated } from "./authentication";
export { clip, newTextOf, replySubject } from "./reply-text";
export { composeReplyMail, textOfHtml, type MailLocale, type ReplyMail } from "./compose";
