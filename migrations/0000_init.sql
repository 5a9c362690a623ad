CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`details` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_shop` ON `audit_log` (`shop_id`,`at`);--> statement-breakpoint
CREATE TABLE `browsing_events` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`product_id` text NOT NULL,
	`channel` text NOT NULL,
	`occurred_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `browsing_customer` ON `browsing_events` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `carts` (
	`customer_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`product_id` text NOT NULL,
	`qty` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `product_id`)
);
--> statement-breakpoint
CREATE INDEX `carts_customer` ON `carts` (`customer_id`,`shop_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text DEFAULT 'normal' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`email` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`locked_until` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`status` text NOT NULL,
	`total_cents` integer NOT NULL,
	`items` text NOT NULL,
	`created_at` integer NOT NULL,
	`paid_at` integer,
	`shipped_at` integer,
	`delivered_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `orders_customer` ON `orders` (`customer_id`,`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `orders_shop` ON `orders` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`category` text NOT NULL,
	`price_cents` integer NOT NULL,
	`stock` integer NOT NULL,
	`image` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `products_shop` ON `products` (`shop_id`,`category`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`channel` text NOT NULL,
	`entry_type` text,
	`entry_id` text,
	`status` text NOT NULL,
	`opened_at` integer NOT NULL,
	`handed_off_at` integer,
	`assigned_at` integer,
	`agent_id` text,
	`group_id` text,
	`first_response_at` integer,
	`last_message_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`close_reason` text,
	`customer_messages` integer DEFAULT 0 NOT NULL,
	`agent_messages` integer DEFAULT 0 NOT NULL,
	`bot_messages` integer DEFAULT 0 NOT NULL,
	`rating` integer,
	`rated_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_shop_opened` ON `sessions` (`shop_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `sessions_thread` ON `sessions` (`thread_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `sessions_customer` ON `sessions` (`customer_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `shipment_events` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`carrier` text NOT NULL,
	`tracking_no` text NOT NULL,
	`status` text NOT NULL,
	`description` text NOT NULL,
	`location` text,
	`occurred_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shipment_events_order` ON `shipment_events` (`order_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `shops` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`category` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `skill_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`policy` text DEFAULT 'least_loaded' NOT NULL,
	`fallback_group_id` text,
	`max_wait_sec` integer DEFAULT 120 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skill_groups_shop_key` ON `skill_groups` (`shop_id`,`key`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`capacity` integer DEFAULT 5 NOT NULL,
	`seniority` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email` ON `staff` (`email`);--> statement-breakpoint
CREATE INDEX `staff_shop` ON `staff` (`shop_id`);--> statement-breakpoint
CREATE TABLE `staff_groups` (
	`staff_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`staff_id`, `group_id`)
);
--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `staff_sessions_staff` ON `staff_sessions` (`staff_id`);