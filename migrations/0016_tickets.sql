CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` text NOT NULL,
	`shop_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`from_value` text,
	`to_value` text
);
--> statement-breakpoint
CREATE INDEX `ticket_events_ticket` ON `ticket_events` (`ticket_id`,`id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`number` integer NOT NULL,
	`thread_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`session_id` text,
	`order_id` text,
	`leave_message_id` text,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`department` text,
	`assignee_id` text,
	`created_by` text NOT NULL,
	`created_by_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`resolved_at` integer,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_shop_number` ON `tickets` (`shop_id`,`number`);--> statement-breakpoint
CREATE INDEX `tickets_shop_status_due` ON `tickets` (`shop_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tickets_shop_updated` ON `tickets` (`shop_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `tickets_shop_assignee` ON `tickets` (`shop_id`,`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_customer` ON `tickets` (`customer_id`,`created_at`);--> statement-breakpoint
-- A ticket's log is append-only: what was recorded is never edited.
CREATE TRIGGER `ticket_events_no_update` BEFORE UPDATE ON `ticket_events` BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;
