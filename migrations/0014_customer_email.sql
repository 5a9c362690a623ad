ALTER TABLE `customers` ADD `email` text;--> statement-breakpoint
CREATE INDEX `customers_email` ON `customers` (`email`);