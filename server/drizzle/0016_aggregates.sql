CREATE TABLE "agg_community_months" (
	"community_id" uuid NOT NULL,
	"month" text NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"planned" integer DEFAULT 0 NOT NULL,
	"to_service" integer[] DEFAULT '{}'::integer[] NOT NULL,
	CONSTRAINT "agg_community_months_community_id_month_pk" PRIMARY KEY("community_id","month")
);
--> statement-breakpoint
CREATE TABLE "agg_need_categories" (
	"community_id" uuid NOT NULL,
	"month" text NOT NULL,
	"category" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_need_categories_community_id_month_category_pk" PRIMARY KEY("community_id","month","category")
);
--> statement-breakpoint
CREATE TABLE "agg_need_states" (
	"community_id" uuid NOT NULL,
	"state" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_need_states_community_id_state_pk" PRIMARY KEY("community_id","state")
);
--> statement-breakpoint
CREATE TABLE "agg_points_months" (
	"community_id" uuid NOT NULL,
	"month" text NOT NULL,
	"issued" integer DEFAULT 0 NOT NULL,
	"redeemed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_points_months_community_id_month_pk" PRIMARY KEY("community_id","month")
);
--> statement-breakpoint
CREATE TABLE "agg_team_sizes" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"members" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agg_teams" (
	"scope_id" uuid NOT NULL,
	"period" text NOT NULL,
	"team_id" uuid NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"served" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_teams_scope_id_period_team_id_pk" PRIMARY KEY("scope_id","period","team_id")
);
--> statement-breakpoint
CREATE TABLE "agg_units" (
	"scope_id" uuid NOT NULL,
	"period" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"claims" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"volunteers" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"resources" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agg_units_scope_id_period_unit_id_pk" PRIMARY KEY("scope_id","period","unit_id")
);
--> statement-breakpoint
CREATE TABLE "agg_volunteers" (
	"scope_id" uuid NOT NULL,
	"period" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"led" integer DEFAULT 0 NOT NULL,
	"no_shows" integer DEFAULT 0 NOT NULL,
	"dual" boolean DEFAULT false NOT NULL,
	"party" boolean DEFAULT false NOT NULL,
	"pioneer_score" numeric GENERATED ALWAYS AS (round(greatest(0, round(minutes / 60.0, 2) + case when dual then 10 else 0 end + 3 * led - 5 * no_shows), 1)) STORED,
	CONSTRAINT "agg_volunteers_scope_id_period_volunteer_id_pk" PRIMARY KEY("scope_id","period","volunteer_id")
);
--> statement-breakpoint
CREATE INDEX "agg_volunteers_hours_idx" ON "agg_volunteers" USING btree ("scope_id","period","minutes" DESC NULLS LAST,"volunteer_id") WHERE minutes > 0;--> statement-breakpoint
CREATE INDEX "agg_volunteers_pioneers_idx" ON "agg_volunteers" USING btree ("scope_id","period","pioneer_score" DESC NULLS LAST,"volunteer_id") WHERE party and (minutes > 0 or led > 0 or no_shows > 0);--> statement-breakpoint
CREATE INDEX "agg_volunteers_volunteer_idx" ON "agg_volunteers" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "needs_open_age_idx" ON "needs" USING btree ("community_id","created_at") WHERE "needs"."state" in ('submitted', 'accepted', 'planned', 'in_service');