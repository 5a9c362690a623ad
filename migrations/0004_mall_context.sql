CREATE TABLE `cart_snapshots` (
	`customer_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `shop_id`)
);
--> statement-breakpoint
ALTER TABLE `shops` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `browsing_customer_shop` ON `browsing_events` (`customer_id`,`shop_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `leave_messages_customer` ON `leave_messages` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_receipts_received` ON `webhook_receipts` (`received_at`);