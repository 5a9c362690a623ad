CREATE TABLE `leave_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`session_id` text,
	`text` text NOT NULL,
	`contact` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`handled_by` text,
	`handled_at` integer
);
--> statement-breakpoint
CREATE INDEX `leave_messages_shop` ON `leave_messages` (`shop_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` text NOT NULL,
	`shop_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`conditions` text NOT NULL,
	`actions` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`shop_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `routing_rules_shop` ON `routing_rules` (`shop_id`,`position`);--> statement-breakpoint
ALTER TABLE `shops` ADD `business_hours` text;--> statement-breakpoint
ALTER TABLE `skill_groups` ADD `sticky_sec` integer DEFAULT 300 NOT NULL;--> statement-breakpoint
ALTER TABLE `skill_groups` ADD `on_agent_offline` text DEFAULT 'requeue' NOT NULL;