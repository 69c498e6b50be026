CREATE TABLE "task_events" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"version" integer NOT NULL,
	"task_id" text NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"changes" json NOT NULL,
	"task" json NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "deleted_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "task_events_user_version" ON "task_events" USING btree ("user_id","version");--> statement-breakpoint
CREATE INDEX "task_events_user_task" ON "task_events" USING btree ("user_id","task_id","version");