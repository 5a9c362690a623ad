CREATE TABLE `shopper_token_revocations` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`revoked_at` integer NOT NULL
);
