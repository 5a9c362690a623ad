export { MAX_NOTICE_AGE_MS, NOTIFY_SHIPMENT_STATUSES, isNotifiableShipment, shipmentNoticeCode, shipmentNoticeId } from "./notice";
export {
  DailyCapSetting, MAX_QUEUE_DELAY_SEC, QuietHoursSetting, decideNotice, localDayStart, quietUntil,
  type NoticeDecision, type NoticeFacts, type NoticeOutcome, type QuietHours,
} from "./policy";
