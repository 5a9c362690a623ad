export {
  MAX_NOTICE_AGE_MS, NOTIFY_SHIPMENT_STATUSES, PRICE_DROP_AUDIENCE_MAX, PRICE_DROP_MIN_RATIO, PRICE_DROP_NOTICE_CODE, PRICE_DROP_REPEAT_AFTER_MS, PRICE_DROP_SHOPPER_GAP_MS, PRICE_DROP_VIEWED_WITHIN_MS,
  isNotifiableShipment, isPriceDrop, shipmentNoticeCode, shipmentNoticeId, yuanText,
} from "./notice";
export {
  DailyCapSetting, MAX_QUEUE_DELAY_SEC, QuietHoursSetting, decideNotice, localDayStart, quietUntil,
  type NoticeDecision, type NoticeFacts, type NoticeOutcome, type QuietHours,
} from "./policy";
