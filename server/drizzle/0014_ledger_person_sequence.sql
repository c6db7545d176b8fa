DROP INDEX "ledger_postings_volunteer_idx";--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD COLUMN "person_seq" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_person_seq" ON "ledger_postings" USING btree ("community_id","volunteer_id","person_seq");