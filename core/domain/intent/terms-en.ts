/**
 * English intent terms, written from how shoppers phrase service requests (not from any data set).
 * Weights: 4 = decisive phrase, 3 = strong topic word, 2 = supporting word, ≤1 = weak hint.
 * Conventions shared with the Chinese list: cancelling or editing an order, refunds and price
 * adjustments are after-sales; invoices and bills are payment; saving an address to the profile is
 * account while redirecting a parcel is logistics; asking for a human or leaving feedback is other.
 */
import type { TermTable } from "./intents.js";

/** Weighted English terms per intent, in the pattern language of `pattern.ts`. */
export const EN_TERMS: TermTable = {
  logistics: [
    {
      weight: 4,
      terms: [
        "track|trace * order|package|parcel|shipment|purchase|delivery|item|package",
        "tracking_number|tracking_code|tracking_info|tracking_information|tracking_link",
        "where|wheres * order|package|parcel|shipment|purchase|delivery|item|stuff",
        "status * order|purchase|shipment|delivery|package|parcel",
        "order|purchase|shipment|delivery|package|parcel * status",
        "estimated * arrival|delivery|time",
        "when * arrive|come|deliver|delivered|ship|shipped|dispatched|dispatch|expect",
        "how_soon|how_long|what_time * expect|arrive|get|receive|deliver|delivery|ship|shipping|shipment",
        "delivery|shipping|shipment * option|method|period|time|cost|fee|rate|speed|date|choice",
        "ship|deliver|shipping|delivery * to",
        "change|update|modify|edit|correct|wrong|incorrect|fix|redirect * address",
        "address * change|modification|update|wrong|incorrect|mistake",
        "not|never|havent|hasnt|didnt|yet ? receive|arrive|deliver|come|show_up",
        "order|ship|deliver|shipping|delivery from",
        "locate|find|trace * order|purchase|package|parcel|shipment",
        "lost|missing|stolen|stuck * package|parcel|shipment|delivery",
        "in_transit|out_for_delivery|return_to_sender|left_at|signed_for",
        "same_day|next_day|two_day|2_day|express|expedited|standard * shipping|delivery",
        "reschedule|postpone * delivery",
      ],
    },
    {
      weight: 3,
      terms: [
        "eta", "tracking", "track", "shipment", "parcel", "package", "courier", "carrier", "fedex",
        "ups", "usps", "dhl", "dispatch", "dispatched", "shipping", "delivery", "deliver", "arrive",
        "arrival", "pickup", "pick_up", "postage", "express_shipping", "overnight", "international", "customs",
        "expedite", "post_office", "locker", "shipping_label",
      ],
    },
    { weight: 2, terms: ["ship", "late", "delayed", "delay", "address", "doorstep", "warehouse", "abroad", "overseas"] },
    // The address itself is neutral: saving one to the profile is account, redirecting an order
    // is logistics. This phrase shadows "shipping" and "address" so only the verb decides.
    { weight: 1, terms: ["shipping_address|delivery_address|postal_address|mailing_address"] },
  ],
  after_sales: [
    {
      weight: 4,
      terms: [
        "cancel|cancellation|cancelling|canceling|withdraw * order|purchase|item|transaction",
        "cancellation|termination|exit|withdrawal|early|cancel * fee|penalty|charge|cost",
        "change|edit|modify|correct|update|switch|amend|alter|fix|adjust * order|purchase",
        "add|remove|delete|swap|replace|missed|forgot * order|purchase",
        "refund|return|exchange * policy|status|request|process|label|window|period",
        "money_back|my_money|full_refund|partial_refund",
        "return|send_back * item|product|order|purchase|it|this",
        "wrong|damaged|broken|defective|faulty * item|product|size|color|colour|order|one",
        "doesnt|dont|isnt|not|stopped|stop * work|working|turn_on|charge",
        "doesnt|dont|didnt|not * fit",
        "track|check|status * refund|reimbursement|compensation|rebate|return",
        "when|how_soon|how_long * refund|reimburse|reimbursement|money|compensation|rebate",
        "price * drop|dropped|adjustment|protection|match",
        "not_as_described|instead_of|restocking_fee|store_credit|dead_on_arrival",
        "not_what_i_ordered|wrong_item|different_item|not_what_i_expected",
        "exchange|swap|return * for|size|color|colour|another|different|larger|smaller|bigger",
      ],
    },
    {
      weight: 3,
      terms: [
        "refund", "refunded", "reimburse", "reimbursement", "reimbursed", "rebate", "restitution",
        "compensation", "compensate", "chargeback", "exchange", "replace", "replacement", "repair",
        "warranty", "guarantee", "return", "defective", "faulty", "damaged", "broken",
        "malfunction", "after_sales", "aftersales", "rma", "cracked", "scratched", "dented",
        "leaking", "expired", "spoiled", "rotten", "install", "installation", "technician",
        "chipped", "torn", "ripped", "stained", "faded", "shrunk",
      ],
    },
    { weight: 2, terms: ["cancel", "cancellation", "penalty", "fix", "missing_item", "missing_part", "swap"] },
    // Past purchase hints at after-sales; "purchased" is left out, it stems like "purchase".
    { weight: 1, terms: ["bought"] },
  ],
  pre_sales: [
    {
      weight: 4,
      terms: [
        "place|make|submit|put|do|placing|making|doing ? order|purchase",
        "shop * item|product|article|some|several|few|something",
        "buy|acquire * product|item|article|several|some|one|this|these|those|it",
        "in_stock|out_of_stock|back_in_stock|restock|available_in|pre_order|preorder",
        "difference|differences * between",
        "promo|discount|coupon|voucher * code",
        "before * buy|buying|order|ordering|purchase",
        "does|will * come_with|include|fit|work_with",
        "does|do|will ? it|this|that|they|these|those|you ? have|support|include|come_with",
        "compatible", "compatibility",
        "which * one|model|version|size * better|best|choose|recommend|should",
        "is_it|is_this|are_they * genuine|authentic|original|new|waterproof",
      ],
    },
    {
      weight: 3,
      terms: [
        "purchase|order * product|item|article|several|some|something|few",
        "buy", "acquire", "availability", "available", "price", "prices", "pricing", "how_much",
        "discount", "coupon", "voucher", "promo", "promotion", "sale", "deal", "size", "sizes",
        "sizing", "fit", "colour", "color", "material", "dimension", "spec", "specs",
        "specification", "compare", "comparison", "difference",
        "recommend", "recommendation", "versus", "vs", "stock", "wholesale", "bulk",
      ],
    },
    { weight: 2, terms: ["feature", "features", "model", "version", "cheaper", "gift_wrap", "quote", "cost", "waterproof", "battery_life", "bundle"] },
  ],
  payment: [
    {
      weight: 4,
      terms: [
        "payment|pay|paying * method|option|modality|modalities|way|type|mode",
        "charged|billed * twice|double|two_times|again|wrong",
        "double|duplicate|extra * charge|charged|payment",
        "credit|debit|bank|gift * card",
        "card * declined|rejected|failed",
        "pay_later|buy_now_pay_later|billing_address|overcharged|overcharge",
      ],
    },
    {
      weight: 3,
      terms: [
        "invoice", "invoices", "bill", "billing", "receipt", "payment", "pay", "paid", "paying",
        "paypal", "apple_pay", "google_pay", "bank_transfer", "wire_transfer", "installment",
        "installments", "instalment", "checkout", "transaction", "vat", "tax", "klarna",
        "afterpay", "currency",
      ],
    },
    { weight: 2, terms: ["card", "charge", "charged", "declined", "fee", "money", "cash"] },
  ],
  account: [
    {
      weight: 4,
      terms: [
        "reset|recover|retrieve|restore|forgot|forgotten|lost|change|recovery * password|pin|key|pass|passcode|credentials|access",
        "sign_up|signup|register|registration|create|open * account|profile|user",
        "sign_up|signup|registration|register * issue|problem|error|trouble|fail",
        "log|sign * in|into|on|out",
        "delete|close|remove|terminate|deactivate|cancel * account|profile|membership|subscription",
        "switch|change * account|profile|user",
        "enter|add|submit|set|save|setup|new|another|secondary|second|additional * address",
        "edit|update|change|correct|modify * info|information|detail|details|data|name|email|phone",
      ],
    },
    {
      weight: 3,
      terms: [
        "account", "profile", "username", "password", "pwd", "pin", "passcode", "access_key", "login", "sign_up",
        "signup", "registration", "register", "newsletter", "subscribe", "unsubscribe",
        "subscription", "mailing_list", "membership", "verification_code", "two_factor", "2fa",
        "verify", "verification", "hacked", "locked", "unlock", "security_question", "gdpr",
        "personal_data", "email_address",
      ],
    },
    {
      weight: 1.5,
      terms: [
        "premium", "gold", "platinum", "freemium", "pro", "member", "user", "standard", "basic",
        "notification", "privacy", "preference",
      ],
    },
  ],
  complaint: [
    { weight: 5, terms: ["complaint", "complain", "complaining"] },
    {
      weight: 4,
      terms: [
        "lawyer", "attorney", "legal_action", "sue",
        "court", "consumer_protection", "file|lodge|make|submit|raise * claim", "reclamation",
        "better_business_bureau", "bbb", "never_again", "never * buy|shop|order * from|here|again",
        "waste_of * time|money", "no_response|no_reply|nobody_answers|ignored",
      ],
    },
    {
      weight: 3,
      terms: [
        "claim", "unhappy", "dissatisfied", "disappointed", "frustrated", "furious", "angry",
        "terrible", "awful", "horrible", "worst", "ridiculous", "unacceptable", "disgusting",
        "pathetic", "useless", "scam", "fraud", "cheated", "misleading", "rude",
        "unprofessional", "incompetent", "manager", "supervisor", "counterfeit", "fake",
        "liar", "joke",
      ],
    },
    { weight: 2, terms: ["~happy", "~satisfied", "~helpful", "~acceptable", "upset", "poor_service", "bad_service"] },
    // Swearing says the shopper is annoyed, not what about: only a tie-breaker for complaint.
    { weight: 0.3, terms: ["damn", "goddamn", "fucking", "fuck", "bloody", "shit", "crap"] },
  ],
  other: [
    {
      weight: 4,
      terms: [
        "talk|speak|chat|contact|call|reach|get_in_touch|connect|transfer * agent|human|person|operator|representative|someone|somebody|staff|customer_service|customer_support|support|assistant",
        "leave|write|submit|send|give|post|share * feedback|review|opinion|comment|rating|suggestion",
        "customer_service|customer_support|customer_care|customer_assistance|service_desk",
        "live_agent|human_agent|real_person|live_chat|representative",
        "are_you * bot|robot|human|real",
        "sell_on|become_a_seller|become_a_vendor|seller_account|vendor_account|merchant_account|open_a_store|open_a_shop",
      ],
    },
    {
      weight: 3,
      terms: [
        "agent", "human", "operator", "feedback", "review", "opinion", "rating", "testimonial",
        "suggestion", "phone_number", "opening_hours", "business_hours", "working_hours",
      ],
    },
    { weight: 2, terms: ["hours", "call", "rate", "comment", "email", "e_mail"] },
  ],
};

/** Everyday words never "repaired" into a term they merely resemble (where → there, shop → ship). */
export const EN_COMMON_WORDS: readonly string[] = (
  "a about after again all also am an and any anything are as ask at back be been before being " +
  "best but by can cant could day days did do does doing done dont for from get give go going " +
  "good got had has have having he help her here hey hi him his how i if im in info is it its ive " +
  "just know last let like look looking make me mine more most much my need needs new no not now " +
  "of on one or other our out over please problem problems question questions really right said " +
  "say see seeing should show so some someone something still support sure tell than thank thanks " +
  "that the their them then there these they thing things think this those through time to today " +
  "too trouble try trying up us use used using very want wanna was way we week well were what when " +
  "where which while who why will with without would yes yesterday yet you your yours ur u ya " +
  "assistance assist issue issues error errors inform notify report information know shop shopping " +
  "check checking find locate see list view available work help helping hello order orders purchase " +
  "item items product products article articles several wife husband friend mister mr ms mrs"
).split(" ");
