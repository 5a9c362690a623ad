-- Sessions from before this migration get a random public id, and were last seen when they began.
-- (SQLite adds a NOT NULL column only with a constant default; every row is then given its own value.)
ALTER TABLE `staff_sessions` ADD `id` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `staff_sessions` SET `id` = lower(hex(randomblob(12)));--> statement-breakpoint
ALTER TABLE `staff_sessions` ADD `last_seen_at` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `staff_sessions` SET `last_seen_at` = `created_at`;--> statement-breakpoint
ALTER TABLE `staff_sessions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `staff_sessions` ADD `address` text;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_sessions_id` ON `staff_sessions` (`id`);
