CREATE TABLE "claims" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"state" text NOT NULL,
	"resource_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"volunteers" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"claimed_by" uuid NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "claims_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "claims_volunteers_check" CHECK ("claims"."volunteers" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_actor_id_operation_key_pk" PRIMARY KEY("actor_id","operation","key")
);
--> statement-breakpoint
CREATE TABLE "need_events" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "need_events_community_id_id_pk" PRIMARY KEY("community_id","id")
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"grid_id" uuid,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"preferred_time" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"for_user_id" uuid,
	"for_name" text,
	"contact_phone_enc" text,
	"address_enc" text,
	"recorded_by" uuid NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"reason" text,
	"merged_into_id" uuid,
	"project_id" uuid,
	"accepted_at" timestamp with time zone,
	"search" "tsvector" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "needs_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "needs_for_whom" CHECK ("needs"."for_user_id" is not null or "needs"."for_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"mode" text NOT NULL,
	"cadence" text DEFAULT 'one_off' NOT NULL,
	"routine_until" date,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"volunteer_demand" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"schedule" text DEFAULT '' NOT NULL,
	"suggested_resource_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"published_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"search" "tsvector" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "projects_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "projects_taken_within_capacity" CHECK ("projects"."taken" >= 0 and "projects"."taken" <= "projects"."capacity"),
	CONSTRAINT "projects_capacity_check" CHECK ("projects"."capacity" >= 1 and ("projects"."mode" = 'joint' or "projects"."capacity" = 1))
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer,
	"quantity_unit" text,
	"availability" text DEFAULT '' NOT NULL,
	"available_from" date,
	"available_until" date,
	"grid_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text DEFAULT 'offered' NOT NULL,
	"return_reason" text,
	"offered_by" uuid NOT NULL,
	"decided_by" uuid,
	"search" "tsvector" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "resources_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "resources_quantity_check" CHECK ("resources"."quantity" is null or "resources"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_community_id_project_id_projects_community_id_id_fk" FOREIGN KEY ("community_id","project_id") REFERENCES "public"."projects"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_community_id_need_id_needs_community_id_id_fk" FOREIGN KEY ("community_id","need_id") REFERENCES "public"."needs"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_for_user_id_users_id_fk" FOREIGN KEY ("for_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_project_idx" ON "claims" USING btree ("community_id","project_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_unit_idx" ON "claims" USING btree ("unit_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_one_live_per_unit" ON "claims" USING btree ("community_id","project_id","unit_id") WHERE "claims"."state" in ('pending', 'active');--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "need_events_need_idx" ON "need_events" USING btree ("community_id","need_id","id");--> statement-breakpoint
CREATE INDEX "needs_state_idx" ON "needs" USING btree ("community_id","state","id");--> statement-breakpoint
CREATE INDEX "needs_for_user_idx" ON "needs" USING btree ("for_user_id");--> statement-breakpoint
CREATE INDEX "needs_recorded_by_idx" ON "needs" USING btree ("recorded_by");--> statement-breakpoint
CREATE INDEX "needs_project_idx" ON "needs" USING btree ("community_id","project_id");--> statement-breakpoint
CREATE INDEX "needs_search_idx" ON "needs" USING gin ("search");--> statement-breakpoint
CREATE INDEX "projects_state_idx" ON "projects" USING btree ("community_id","state","id");--> statement-breakpoint
CREATE INDEX "projects_market_idx" ON "projects" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search");--> statement-breakpoint
CREATE INDEX "resources_state_idx" ON "resources" USING btree ("community_id","state");--> statement-breakpoint
CREATE INDEX "resources_unit_idx" ON "resources" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "resources_search_idx" ON "resources" USING gin ("search");