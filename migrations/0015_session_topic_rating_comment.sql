ALTER TABLE `sessions` ADD `topic` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `rating_comment` text;--> statement-breakpoint
CREATE INDEX `sessions_opened` ON `sessions` (`opened_at`);