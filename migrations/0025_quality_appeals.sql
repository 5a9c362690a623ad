ALTER TABLE `quality_reviews` ADD `appeal_reason` text;--> statement-breakpoint
ALTER TABLE `quality_reviews` ADD `appealed_at` integer;--> statement-breakpoint
ALTER TABLE `quality_reviews` ADD `appeal_status` text;--> statement-breakpoint
ALTER TABLE `quality_reviews` ADD `appeal_total_before` integer;--> statement-breakpoint
CREATE INDEX `quality_reviews_appeals` ON `quality_reviews` (`shop_id`,`appealed_at`) WHERE "quality_reviews"."appeal_status" = 'open';