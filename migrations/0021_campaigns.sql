CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`text` text NOT NULL,
	`audience` text NOT NULL,
	`status` text NOT NULL,
	`send_at` integer NOT NULL,
	`sent_at` integer,
	`cancelled_at` integer,
	`audience_count` integer,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_shop` ON `campaigns` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `campaigns_due` ON `campaigns` (`status`,`send_at`);--> statement-breakpoint
CREATE INDEX `browsing_shop` ON `browsing_events` (`shop_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `carts_shop` ON `carts` (`shop_id`);--> statement-breakpoint
CREATE INDEX `proactive_notices_source` ON `proactive_notices` (`source_id`,`status`);