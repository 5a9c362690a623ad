CREATE TABLE `quality_reviews` (
	`session_id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`reviewer_id` text NOT NULL,
	`scores` text NOT NULL,
	`total` integer NOT NULL,
	`comment` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quality_reviews_shop` ON `quality_reviews` (`shop_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `quality_reviews_updated` ON `quality_reviews` (`updated_at`);--> statement-breakpoint
CREATE INDEX `quality_reviews_agent` ON `quality_reviews` (`agent_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `sessions_agent` ON `sessions` (`agent_id`,`opened_at`);