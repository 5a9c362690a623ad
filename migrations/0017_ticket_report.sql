CREATE INDEX `tickets_shop_created` ON `tickets` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_shop_resolved` ON `tickets` (`shop_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `tickets_resolved` ON `tickets` (`resolved_at`);--> statement-breakpoint
CREATE INDEX `tickets_status_due` ON `tickets` (`status`,`due_at`);