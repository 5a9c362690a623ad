CREATE TABLE `staff_room_visits` (
	`staff_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`staff_id`, `thread_id`)
);
--> statement-breakpoint
CREATE INDEX `staff_room_visits_last` ON `staff_room_visits` (`last_at`);