CREATE TABLE `report_rollup_agents` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	`agent_id` text NOT NULL,
	`sessions` integer NOT NULL,
	`resolved` integer NOT NULL,
	`responded` integer NOT NULL,
	`response_ms` integer NOT NULL,
	`handled` integer NOT NULL,
	`handle_ms` integer NOT NULL,
	`rated` integer NOT NULL,
	`rating_sum` integer NOT NULL,
	`satisfied` integer NOT NULL,
	`messages` integer NOT NULL,
	PRIMARY KEY(`scope`, `day`, `agent_id`)
);
--> statement-breakpoint
CREATE INDEX `report_rollup_agents_day` ON `report_rollup_agents` (`day`,`scope`);--> statement-breakpoint
CREATE TABLE `report_rollup_days` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	`rolled_up_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `day`)
);
--> statement-breakpoint
CREATE TABLE `report_rollup_mix` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	`topic` text,
	`channel` text NOT NULL,
	`rating` integer,
	`sessions` integer NOT NULL,
	`handed_off` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_rollup_mix_scope` ON `report_rollup_mix` (`scope`,`day`);--> statement-breakpoint
CREATE INDEX `report_rollup_mix_day` ON `report_rollup_mix` (`day`,`scope`);--> statement-breakpoint
CREATE TABLE `report_rollup_pending` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	PRIMARY KEY(`scope`, `day`)
);
--> statement-breakpoint
CREATE INDEX `report_rollup_pending_day` ON `report_rollup_pending` (`day`,`scope`);--> statement-breakpoint
CREATE TABLE `report_rollup_quarters` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	`quarter` integer NOT NULL,
	`sessions` integer NOT NULL,
	`resolved` integer NOT NULL,
	`responded` integer NOT NULL,
	`response_ms` integer NOT NULL,
	`handled` integer NOT NULL,
	`handle_ms` integer NOT NULL,
	`rated` integer NOT NULL,
	`rating_sum` integer NOT NULL,
	`satisfied` integer NOT NULL,
	`bot_only` integer NOT NULL,
	`handed_off` integer NOT NULL,
	`closed` integer NOT NULL,
	PRIMARY KEY(`scope`, `day`, `quarter`)
);
--> statement-breakpoint
CREATE INDEX `report_rollup_quarters_day` ON `report_rollup_quarters` (`day`,`scope`);--> statement-breakpoint
CREATE TABLE `report_rollup_response_seconds` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	`seconds` integer NOT NULL,
	`sessions` integer NOT NULL,
	PRIMARY KEY(`scope`, `day`, `seconds`)
);
--> statement-breakpoint
CREATE INDEX `report_rollup_response_seconds_day` ON `report_rollup_response_seconds` (`day`,`scope`);--> statement-breakpoint
CREATE TABLE `report_rollup_watermark` (
	`id` integer PRIMARY KEY NOT NULL,
	`touched_before` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_updated` ON `sessions` (`updated_at`,`shop_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `sessions_shop_comments` ON `sessions` (`shop_id`,`rated_at`,`opened_at`) WHERE "sessions"."rating_comment" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_comments` ON `sessions` (`rated_at`,`opened_at`) WHERE "sessions"."rating_comment" IS NOT NULL;