DROP INDEX "projects_market_idx";--> statement-breakpoint
CREATE INDEX "projects_open_idx" ON "projects" USING btree ("id") WHERE "projects"."state" in ('published', 'claimed');