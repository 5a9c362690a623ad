CREATE TABLE `canned_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`owner_staff_id` text,
	`shortcut` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `canned_shop` ON `canned_replies` (`shop_id`,`owner_staff_id`);--> statement-breakpoint
CREATE TABLE `knowledge_articles` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`kind` text NOT NULL,
	`question` text NOT NULL,
	`alt_questions` text DEFAULT '[]' NOT NULL,
	`answer` text NOT NULL,
	`answer_html` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`category` text,
	`product_id` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`valid_from` integer,
	`valid_to` integer,
	`shown_count` integer DEFAULT 0 NOT NULL,
	`helpful_count` integer DEFAULT 0 NOT NULL,
	`not_helpful_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	`updated_by` text,
	`embedded_at` integer
);
--> statement-breakpoint
CREATE INDEX `knowledge_shop` ON `knowledge_articles` (`shop_id`,`status`,`kind`);--> statement-breakpoint
CREATE TABLE `unanswered_questions` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`question` text NOT NULL,
	`cluster_key` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`examples` text DEFAULT '[]' NOT NULL,
	`last_thread_id` text,
	`first_asked_at` integer NOT NULL,
	`last_asked_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`article_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unanswered_cluster` ON `unanswered_questions` (`shop_id`,`cluster_key`);--> statement-breakpoint
CREATE INDEX `unanswered_shop` ON `unanswered_questions` (`shop_id`,`status`,`count`);--> statement-breakpoint
CREATE TABLE `webhook_receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`received_at` integer NOT NULL
);
