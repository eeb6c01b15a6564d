CREATE TABLE "review_chain" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_chain_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"category" text NOT NULL,
	"sensitivity" text NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_step" ADD COLUMN "due_hours" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "review_chain_uq" ON "review_chain" USING btree ("hospital_id","category","sensitivity");