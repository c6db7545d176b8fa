CREATE SEQUENCE "public"."volunteer_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 10000001 CACHE 1;--> statement-breakpoint
CREATE TABLE "certificates" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"serial" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"service_content" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"person_in_charge" text NOT NULL,
	"contact_phone" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'valid' NOT NULL,
	"revoke_reason" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "certificates_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "certificates_minutes_check" CHECK ("certificates"."minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dual_reports" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"unit_confirmed_at" timestamp with time zone,
	"unit_confirmed_by" uuid,
	"community_confirmed_at" timestamp with time zone,
	"community_confirmed_by" uuid,
	"reject_reason" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dual_reports_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "hour_records" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"sign_up_id" uuid,
	"state" text DEFAULT 'pending' NOT NULL,
	"source" text NOT NULL,
	"check_in_at" timestamp with time zone,
	"check_out_at" timestamp with time zone,
	"minutes" integer,
	"span_minutes" integer,
	"auto_closed" boolean DEFAULT false NOT NULL,
	"capped" boolean DEFAULT false NOT NULL,
	"below_threshold" boolean DEFAULT false NOT NULL,
	"points_eligible" boolean DEFAULT true NOT NULL,
	"reason" text,
	"reject_reason" text,
	"replaces_id" uuid,
	"voided_by_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hour_records_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "hour_records_minutes_check" CHECK ("hour_records"."minutes" is null or "hour_records"."minutes" >= 0),
	CONSTRAINT "hour_records_closed_check" CHECK ("hour_records"."state" = 'pending' or "hour_records"."minutes" is not null)
);
--> statement-breakpoint
CREATE TABLE "no_show_marks" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sign_up_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	"fades_at" timestamp with time zone NOT NULL,
	"contest_reason" text,
	"contested_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	CONSTRAINT "no_show_marks_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"volunteer_number" text NOT NULL,
	"volunteer_number_source" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_party_member" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_unit_confirmed_by_users_id_fk" FOREIGN KEY ("unit_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_community_confirmed_by_users_id_fk" FOREIGN KEY ("community_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dual_reports" ADD CONSTRAINT "dual_reports_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hour_records" ADD CONSTRAINT "hour_records_community_id_activity_id_activities_community_id_id_fk" FOREIGN KEY ("community_id","activity_id") REFERENCES "public"."activities"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "no_show_marks" ADD CONSTRAINT "no_show_marks_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "no_show_marks" ADD CONSTRAINT "no_show_marks_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "no_show_marks" ADD CONSTRAINT "no_show_marks_community_id_sign_up_id_sign_ups_community_id_id_fk" FOREIGN KEY ("community_id","sign_up_id") REFERENCES "public"."sign_ups"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_serial_key" ON "certificates" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "certificates_volunteer_idx" ON "certificates" USING btree ("volunteer_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dual_reports_one_live" ON "dual_reports" USING btree ("user_id") WHERE "dual_reports"."state" in ('requested', 'confirmed');--> statement-breakpoint
CREATE INDEX "dual_reports_unit_idx" ON "dual_reports" USING btree ("unit_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "hour_records_one_live" ON "hour_records" USING btree ("community_id","activity_id","volunteer_id") WHERE "hour_records"."state" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "hour_records_volunteer_idx" ON "hour_records" USING btree ("volunteer_id","state");--> statement-breakpoint
CREATE INDEX "hour_records_queue_idx" ON "hour_records" USING btree ("community_id","state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "no_show_marks_sign_up_key" ON "no_show_marks" USING btree ("community_id","sign_up_id");--> statement-breakpoint
CREATE INDEX "no_show_marks_volunteer_idx" ON "no_show_marks" USING btree ("volunteer_id","fades_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_number_key" ON "volunteer_profiles" USING btree ("volunteer_number");