ALTER TABLE `products` ADD `previous_price_cents` integer;--> statement-breakpoint
CREATE INDEX `browsing_product` ON `browsing_events` (`product_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `carts_product` ON `carts` (`product_id`);