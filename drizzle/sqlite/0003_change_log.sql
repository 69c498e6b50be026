CREATE TABLE `task_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`task_id` text NOT NULL,
	`action` text NOT NULL,
	`source` text NOT NULL,
	`changes` text NOT NULL,
	`task` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `task_events_user_version` ON `task_events` (`user_id`,`version`);--> statement-breakpoint
CREATE INDEX `task_events_user_task` ON `task_events` (`user_id`,`task_id`,`version`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `deleted_at` integer;