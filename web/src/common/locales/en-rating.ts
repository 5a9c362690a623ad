import { RATING_WORDS } from "../../../../core/domain/rating";
import type { zhRating } from "./zh-CN-rating";

/** English for satisfaction ratings: the shopper's card, the staff's notices and the invite button. */
export const enRating: Record<keyof typeof zhRating, string> = {
  "rating.ask": "How was our service today?",
  "rating.starsLabel": "Satisfaction",
  "rating.star": "{n} stars: {words}",
  "rating.score.1": RATING_WORDS[1].en,
  "rating.score.2": RATING_WORDS[2].en,
  "rating.score.3": RATING_WORDS[3].en,
  "rating.score.4": RATING_WORDS[4].en,
  "rating.score.5": RATING_WORDS[5].en,
  "rating.commentLabel": "Comment (optional)",
  "rating.commentPlaceholder": "Tell us more (optional, up to {max} characters)",
  "rating.submit": "Submit",
  "rating.sending": "Submitting…",
  "rating.failed": "Rating not sent",
  "rating.thanks": "Thank you for your feedback",
  "rating.expired": "This rating has closed (ratings are open for 24 hours after the invitation)",
  "rating.closed": "Rating for this consultation has closed",
  "rating.comment": "“{comment}”",
  "rating.invitedStaff": "The customer was invited to rate this consultation",
  "rating.invitedBy": "{by} invited the customer to rate this consultation",
  "rating.ratedStaff": "Customer rating: {stars} {words}",
  "rating.ratedMine": "Your rating: {stars} {words}",
  "rating.invite": "Invite rating",
  "rating.inviteHint": "Ask the customer to rate this consultation (once per session)",
  "rating.inviteSent": "Rating invited",
  "rating.rated": "Rated {stars}",
  "rating.noPerson": "Sessions only the bot served are not rated",
  "notice.rating.invited": "Invited to rate this consultation",
  "notice.rating.rated": "Customer rated {score} stars",
};
