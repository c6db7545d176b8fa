CREATE TABLE "completion_reports" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"author_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"people_served" integer DEFAULT 0 NOT NULL,
	"photo_consent" boolean DEFAULT false NOT NULL,
	"review_state" text DEFAULT 'pending_review' NOT NULL,
	"hidden_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "completion_reports_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "completion_reports_unit_kind" CHECK (("completion_reports"."kind" = 'staff') = ("completion_reports"."unit_id" is null)),
	CONSTRAINT "completion_reports_people_served" CHECK ("completion_reports"."people_served" >= 0),
	CONSTRAINT "completion_reports_hidden_reason" CHECK ("completion_reports"."review_state" <> 'hidden' or "completion_reports"."hidden_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"need_id" uuid,
	"rater_id" uuid,
	"recorded_by" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"review_state" text DEFAULT 'pending_review' NOT NULL,
	"hidden_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratings_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "ratings_score_range" CHECK ("ratings"."score" between 1 and 5),
	CONSTRAINT "ratings_participant_named" CHECK ("ratings"."need_id" is not null or "ratings"."rater_id" is not null),
	CONSTRAINT "ratings_hidden_reason" CHECK ("ratings"."review_state" <> 'hidden' or "ratings"."hidden_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "completion_note" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "evaluated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "completion_reports" ADD CONSTRAINT "completion_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reports" ADD CONSTRAINT "completion_reports_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reports" ADD CONSTRAINT "completion_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reports" ADD CONSTRAINT "completion_reports_community_id_project_id_projects_community_id_id_fk" FOREIGN KEY ("community_id","project_id") REFERENCES "public"."projects"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_community_id_project_id_projects_community_id_id_fk" FOREIGN KEY ("community_id","project_id") REFERENCES "public"."projects"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_community_id_need_id_needs_community_id_id_fk" FOREIGN KEY ("community_id","need_id") REFERENCES "public"."needs"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "completion_reports_one_per_unit" ON "completion_reports" USING btree ("community_id","project_id","unit_id") WHERE "completion_reports"."unit_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "completion_reports_one_staff_note" ON "completion_reports" USING btree ("community_id","project_id") WHERE "completion_reports"."kind" = 'staff';--> statement-breakpoint
CREATE UNIQUE INDEX "completion_reports_one_lead" ON "completion_reports" USING btree ("community_id","project_id") WHERE "completion_reports"."kind" = 'lead';--> statement-breakpoint
CREATE INDEX "ratings_project_idx" ON "ratings" USING btree ("community_id","project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_once_per_need" ON "ratings" USING btree ("community_id","need_id") WHERE "ratings"."need_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_once_per_participant" ON "ratings" USING btree ("community_id","project_id","rater_id") WHERE "ratings"."need_id" is null;