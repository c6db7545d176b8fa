CREATE TABLE "ledger_accounts" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"owner_id" uuid,
	"balance" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "ledger_accounts_owner_check" CHECK (("ledger_accounts"."kind" in ('wallet', 'debt')) = ("ledger_accounts"."owner_id" is not null)),
	CONSTRAINT "ledger_accounts_wallet_not_negative" CHECK ("ledger_accounts"."kind" <> 'wallet' or "ledger_accounts"."balance" >= 0),
	CONSTRAINT "ledger_accounts_store_not_negative" CHECK ("ledger_accounts"."kind" <> 'store' or "ledger_accounts"."balance" >= 0),
	CONSTRAINT "ledger_accounts_debt_not_positive" CHECK ("ledger_accounts"."kind" <> 'debt' or "ledger_accounts"."balance" <= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"posting_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"balance_after" integer DEFAULT 0 NOT NULL,
	"account_version" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_entries_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "ledger_entries_amount_nonzero" CHECK ("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"hour_record_id" uuid,
	"redemption_id" uuid,
	"project_id" uuid,
	"reason" text,
	"batch_expires_at" timestamp with time zone,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_postings_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "ledger_postings_adjust_reason" CHECK ("ledger_postings"."kind" <> 'adjust' or length(trim("ledger_postings"."reason")) >= 2),
	CONSTRAINT "ledger_postings_cause" CHECK (("ledger_postings"."kind" not in ('earn', 'reverse') or "ledger_postings"."hour_record_id" is not null)
        and ("ledger_postings"."kind" not in ('redeem', 'refund') or "ledger_postings"."redemption_id" is not null)
        and ("ledger_postings"."kind" <> 'bonus' or "ledger_postings"."project_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"reward_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"price" integer NOT NULL,
	"state" text DEFAULT 'reserved' NOT NULL,
	"code" text NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"pick_up_by" timestamp with time zone NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"fulfilled_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_by" uuid,
	CONSTRAINT "redemptions_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "redemptions_price_positive" CHECK ("redemptions"."price" >= 1),
	CONSTRAINT "redemptions_code_digits" CHECK ("redemptions"."code" ~ '^[0-9]{8}$'),
	CONSTRAINT "redemptions_state_facts" CHECK (("redemptions"."state" = 'fulfilled') = ("redemptions"."fulfilled_at" is not null)
        and ("redemptions"."state" = 'cancelled') = ("redemptions"."cancelled_at" is not null and "redemptions"."cancel_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"community_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price" integer NOT NULL,
	"stock" integer NOT NULL,
	"per_person_limit" integer,
	"sponsor_unit_id" uuid,
	"picture_file_id" uuid,
	"on_sale" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rewards_community_id_id_pk" PRIMARY KEY("community_id","id"),
	CONSTRAINT "rewards_price_positive" CHECK ("rewards"."price" >= 1),
	CONSTRAINT "rewards_stock_not_negative" CHECK ("rewards"."stock" >= 0),
	CONSTRAINT "rewards_limit_positive" CHECK ("rewards"."per_person_limit" is null or "rewards"."per_person_limit" >= 1)
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_community_id_posting_id_ledger_postings_community_id_id_fk" FOREIGN KEY ("community_id","posting_id") REFERENCES "public"."ledger_postings"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_community_id_account_id_ledger_accounts_community_id_id_fk" FOREIGN KEY ("community_id","account_id") REFERENCES "public"."ledger_accounts"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_fulfilled_by_users_id_fk" FOREIGN KEY ("fulfilled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_community_id_reward_id_rewards_community_id_id_fk" FOREIGN KEY ("community_id","reward_id") REFERENCES "public"."rewards"("community_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_sponsor_unit_id_units_id_fk" FOREIGN KEY ("sponsor_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_person_key" ON "ledger_accounts" USING btree ("community_id","owner_id","kind") WHERE "ledger_accounts"."owner_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_community_key" ON "ledger_accounts" USING btree ("community_id","kind") WHERE "ledger_accounts"."owner_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_account_version" ON "ledger_entries" USING btree ("community_id","account_id","account_version");--> statement-breakpoint
CREATE INDEX "ledger_entries_posting_idx" ON "ledger_entries" USING btree ("community_id","posting_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_lapsing_idx" ON "ledger_entries" USING btree ("expires_at") WHERE "ledger_entries"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "ledger_postings_volunteer_idx" ON "ledger_postings" USING btree ("community_id","volunteer_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_postings_period_idx" ON "ledger_postings" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_earn_once" ON "ledger_postings" USING btree ("community_id","hour_record_id") WHERE "ledger_postings"."kind" = 'earn';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_reverse_once" ON "ledger_postings" USING btree ("community_id","hour_record_id") WHERE "ledger_postings"."kind" = 'reverse';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_bonus_once" ON "ledger_postings" USING btree ("community_id","project_id","volunteer_id") WHERE "ledger_postings"."kind" = 'bonus';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_redeem_once" ON "ledger_postings" USING btree ("community_id","redemption_id") WHERE "ledger_postings"."kind" = 'redeem';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_refund_once" ON "ledger_postings" USING btree ("community_id","redemption_id") WHERE "ledger_postings"."kind" = 'refund';--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_live_code" ON "redemptions" USING btree ("community_id","code") WHERE "redemptions"."state" = 'reserved';--> statement-breakpoint
CREATE INDEX "redemptions_volunteer_idx" ON "redemptions" USING btree ("community_id","volunteer_id","reward_id");--> statement-breakpoint
CREATE INDEX "redemptions_person_idx" ON "redemptions" USING btree ("volunteer_id","reserved_at");--> statement-breakpoint
CREATE INDEX "redemptions_due_idx" ON "redemptions" USING btree ("pick_up_by") WHERE "redemptions"."state" = 'reserved';