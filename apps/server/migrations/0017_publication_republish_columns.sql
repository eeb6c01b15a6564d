DROP INDEX "publication_article_channel_uq";--> statement-breakpoint
ALTER TABLE "publication" ADD COLUMN "column_id" integer;--> statement-breakpoint
ALTER TABLE "publication" ADD CONSTRAINT "publication_column_id_channel_column_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."channel_column"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "publication_article_channel_open_uq" ON "publication" USING btree ("article_id","channel_id") WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "publication_article_channel_idx" ON "publication" USING btree ("article_id","channel_id");--> statement-breakpoint
CREATE INDEX "publication_column_published_idx" ON "publication" USING btree ("column_id","status","published_at") WHERE column_id is not null;