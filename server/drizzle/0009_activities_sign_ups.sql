CREATE TABLE "activities" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"slots" integer NOT NULL,
	"confirmed" integer DEFAULT 0 NOT NULL,
	"waitlisted" integer DEFAULT 0 NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"leader_id" uuid,
	"sign_up_deadline" timestamp with time zone NOT NULL,
	"restricted_to_unit_ids" uuid[],
	"series_id" uuid,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"unit_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activities_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "activities_slots_check" CHECK ("activities"."slots" >= 1),
	CONSTRAINT "activities_confirmed_within_slots" CHECK ("activities"."confirmed" >= 0 and "activities"."confirmed" <= "activities"."slots"),
	CONSTRAINT "activities_waitlisted_check" CHECK ("activities"."waitlisted" >= 0),
	CONSTRAINT "activities_window_check" CHECK ("activities"."starts_at" < "activities"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "sign_ups" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"state" text NOT NULL,
	"position" integer,
	"created_at" timestamp with time zone NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"signed_up_by" uuid,
	CONSTRAINT "sign_ups_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "sign_ups_position_iff_waitlisted" CHECK (("sign_ups"."state" = 'waitlisted') = ("sign_ups"."position" is not null)),
	CONSTRAINT "sign_ups_position_positive" CHECK ("sign_ups"."position" is null or "sign_ups"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_community_id_project_id_projects_community_id_id_fk" FOREIGN KEY ("community_id","project_id") REFERENCES "public"."projects"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_ups" ADD CONSTRAINT "sign_ups_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_ups" ADD CONSTRAINT "sign_ups_signed_up_by_users_id_fk" FOREIGN KEY ("signed_up_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_ups" ADD CONSTRAINT "sign_ups_community_id_activity_id_activities_community_id_id_fk" FOREIGN KEY ("community_id","activity_id") REFERENCES "public"."activities"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_project_idx" ON "activities" USING btree ("community_id","project_id","starts_at");--> statement-breakpoint
CREATE INDEX "activities_upcoming_idx" ON "activities" USING btree ("starts_at") WHERE "activities"."state" = 'scheduled';--> statement-breakpoint
CREATE INDEX "sign_ups_activity_idx" ON "sign_ups" USING btree ("community_id","activity_id","state","position");--> statement-breakpoint
CREATE INDEX "sign_ups_volunteer_idx" ON "sign_ups" USING btree ("volunteer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sign_ups_one_live" ON "sign_ups" USING btree ("community_id","activity_id","volunteer_id") WHERE "sign_ups"."state" in ('confirmed', 'waitlisted');