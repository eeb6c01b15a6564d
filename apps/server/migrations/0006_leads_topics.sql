CREATE TABLE "lead_photo" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_photo_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"lead_id" integer NOT NULL,
	"stored_file" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"suggested_date" date,
	"submitted_by" integer NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"decline_reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topic_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"title" text NOT NULL,
	"brief" text,
	"lead_id" integer,
	"assignee_user_id" integer NOT NULL,
	"channel_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"article_id" integer,
	"drop_reason" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_photo" ADD CONSTRAINT "lead_photo_lead_id_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."lead"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic" ADD CONSTRAINT "topic_lead_id_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."lead"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic" ADD CONSTRAINT "topic_article_id_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."article"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_photo_lead_idx" ON "lead_photo" USING btree ("lead_id","id");--> statement-breakpoint
CREATE INDEX "lead_hospital_idx" ON "lead" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "lead_department_idx" ON "lead" USING btree ("department_id","id");--> statement-breakpoint
CREATE INDEX "topic_hospital_idx" ON "topic" USING btree ("hospital_id","status","id");--> statement-breakpoint
CREATE INDEX "topic_department_idx" ON "topic" USING btree ("department_id","id");--> statement-breakpoint
CREATE INDEX "topic_assignee_idx" ON "topic" USING btree ("assignee_user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_lead_uq" ON "topic" USING btree ("lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "topic_article_uq" ON "topic" USING btree ("article_id");