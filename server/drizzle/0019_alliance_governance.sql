CREATE TABLE "alliance_charters" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"adopted_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alliance_charters_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "alliance_deputy_terms" (
	"community_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"term" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"handed_over_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alliance_deputy_terms_community_id_alliance_id_term_pk" PRIMARY KEY("community_id","alliance_id","term")
);
--> statement-breakpoint
CREATE TABLE "alliance_meeting_attendance" (
	"community_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"attendee" text DEFAULT '' NOT NULL,
	"present" boolean NOT NULL,
	CONSTRAINT "alliance_meeting_attendance_community_id_meeting_id_unit_id_pk" PRIMARY KEY("community_id","meeting_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "alliance_meetings" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alliance_meetings_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "alliance_officers" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"user_id" uuid,
	"unit_id" uuid,
	"title" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alliance_officers_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "alliance_resolutions" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"body" text NOT NULL,
	"project_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alliance_resolutions_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "alliance_rotation" (
	"community_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "alliance_rotation_community_id_alliance_id_position_pk" PRIMARY KEY("community_id","alliance_id","position")
);
--> statement-breakpoint
CREATE TABLE "alliance_six_ones" (
	"community_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"term" text NOT NULL,
	"item" text NOT NULL,
	"link_ids" uuid[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"fulfilled_at" timestamp with time zone NOT NULL,
	"fulfilled_by" uuid NOT NULL,
	CONSTRAINT "alliance_six_ones_community_id_alliance_id_term_item_pk" PRIMARY KEY("community_id","alliance_id","term","item")
);
--> statement-breakpoint
ALTER TABLE "alliance_units" ADD COLUMN "agreement_file_id" uuid;--> statement-breakpoint
ALTER TABLE "alliance_units" ADD COLUMN "agreement_renews_on" date;--> statement-breakpoint
ALTER TABLE "alliance_units" ADD COLUMN "agreement_reminded_for" date;--> statement-breakpoint
ALTER TABLE "alliance_charters" ADD CONSTRAINT "alliance_charters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_charters" ADD CONSTRAINT "alliance_charters_community_id_alliance_id_alliances_community_id_id_fk" FOREIGN KEY ("community_id","alliance_id") REFERENCES "public"."alliances"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_deputy_terms" ADD CONSTRAINT "alliance_deputy_terms_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_deputy_terms" ADD CONSTRAINT "alliance_deputy_terms_community_id_alliance_id_alliances_community_id_id_fk" FOREIGN KEY ("community_id","alliance_id") REFERENCES "public"."alliances"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_meeting_attendance" ADD CONSTRAINT "alliance_meeting_attendance_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_meeting_attendance" ADD CONSTRAINT "alliance_meeting_attendance_community_id_meeting_id_alliance_meetings_community_id_id_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."alliance_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_meetings" ADD CONSTRAINT "alliance_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_meetings" ADD CONSTRAINT "alliance_meetings_community_id_alliance_id_alliances_community_id_id_fk" FOREIGN KEY ("community_id","alliance_id") REFERENCES "public"."alliances"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_officers" ADD CONSTRAINT "alliance_officers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_officers" ADD CONSTRAINT "alliance_officers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_officers" ADD CONSTRAINT "alliance_officers_community_id_alliance_id_alliances_community_id_id_fk" FOREIGN KEY ("community_id","alliance_id") REFERENCES "public"."alliances"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_resolutions" ADD CONSTRAINT "alliance_resolutions_community_id_meeting_id_alliance_meetings_community_id_id_fk" FOREIGN KEY ("community_id","meeting_id") REFERENCES "public"."alliance_meetings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_rotation" ADD CONSTRAINT "alliance_rotation_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_rotation" ADD CONSTRAINT "alliance_rotation_community_id_alliance_id_alliances_community_id_id_fk" FOREIGN KEY ("community_id","alliance_id") REFERENCES "public"."alliances"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_six_ones" ADD CONSTRAINT "alliance_six_ones_fulfilled_by_users_id_fk" FOREIGN KEY ("fulfilled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_six_ones" ADD CONSTRAINT "alliance_six_ones_community_id_alliance_id_alliances_community_id_id_fk" FOREIGN KEY ("community_id","alliance_id") REFERENCES "public"."alliances"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_charters_version_key" ON "alliance_charters" USING btree ("community_id","alliance_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_rotation_unit_key" ON "alliance_rotation" USING btree ("community_id","alliance_id","unit_id");--> statement-breakpoint
ALTER TABLE "alliance_units" ADD CONSTRAINT "alliance_units_agreement_file_id_files_id_fk" FOREIGN KEY ("agreement_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;