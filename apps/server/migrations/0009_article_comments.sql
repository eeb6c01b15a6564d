CREATE TABLE "article_comment" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "article_comment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"round" integer NOT NULL,
	"review_step_id" integer,
	"parent_id" integer,
	"author_user_id" integer NOT NULL,
	"quote" text,
	"anchor_start" integer,
	"anchor_end" integer,
	"anchor_version" integer,
	"body" text NOT NULL,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_comment_anchor_ck" CHECK (("article_comment"."parent_id" is null) = ("article_comment"."quote" is not null and "article_comment"."anchor_start" is not null and "article_comment"."anchor_end" is not null and "article_comment"."anchor_version" is not null)),
	CONSTRAINT "article_comment_resolved_ck" CHECK (("article_comment"."resolved_by" is null) = ("article_comment"."resolved_at" is null))
);
--> statement-breakpoint
ALTER TABLE "article_comment" ADD CONSTRAINT "article_comment_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_comment" ADD CONSTRAINT "article_comment_review_step_id_review_step_id_fk" FOREIGN KEY ("review_step_id") REFERENCES "public"."review_step"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_comment" ADD CONSTRAINT "article_comment_parent_id_article_comment_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."article_comment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_comment_article_idx" ON "article_comment" USING btree ("article_id","id");--> statement-breakpoint
CREATE INDEX "article_comment_parent_idx" ON "article_comment" USING btree ("parent_id");