CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`shop_id` text,
	`notice_id` text,
	`body` text NOT NULL,
	`reason` text NOT NULL,
	`last_error` text,
	`deaths` integer DEFAULT 1 NOT NULL,
	`died_at` integer NOT NULL,
	`replayed_at` integer
);
--> statement-breakpoint
CREATE INDEX `dead_letters_shop` ON `dead_letters` (`shop_id`,`died_at`);--> statement-breakpoint
CREATE INDEX `dead_letters_died` ON `dead_letters` (`died_at`);--> statement-breakpoint
CREATE TABLE `proactive_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`order_id` text NOT NULL,
	`source_id` text NOT NULL,
	`code` text NOT NULL,
	`params` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`deferred_until` integer,
	`message_seq` integer,
	`created_at` integer NOT NULL,
	`enqueued_at` integer,
	`delivered_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `proactive_notices_status` ON `proactive_notices` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `proactive_notices_customer` ON `proactive_notices` (`customer_id`,`status`,`delivered_at`);--> statement-breakpoint
CREATE INDEX `proactive_notices_order` ON `proactive_notices` (`order_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `proactive_outcomes` (
	`notice_id` text NOT NULL,
	`outcome` text NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`notice_id`, `outcome`)
);
--> statement-breakpoint
CREATE INDEX `proactive_outcomes_shop` ON `proactive_outcomes` (`shop_id`,`at`);--> statement-breakpoint
ALTER TABLE `customers` ADD `proactive_opt_out` integer DEFAULT false NOT NULL;