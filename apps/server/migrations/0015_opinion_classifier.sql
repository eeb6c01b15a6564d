CREATE TABLE "opinion_classifier_model" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opinion_classifier_model_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"trigger" text NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"trained_by" integer,
	"examples" integer NOT NULL,
	"last_correction_id" integer NOT NULL,
	"features" integer NOT NULL,
	"min_probability" real NOT NULL,
	"model" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"activated_by" integer,
	"activated_at" timestamp with time zone,
	"retired_by" integer,
	"retired_at" timestamp with time zone,
	"rejected_by" integer,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_classifier_model_version_uq" ON "opinion_classifier_model" USING btree ("hospital_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_classifier_model_active_uq" ON "opinion_classifier_model" USING btree ("hospital_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "opinion_classifier_model_hospital_idx" ON "opinion_classifier_model" USING btree ("hospital_id","id");