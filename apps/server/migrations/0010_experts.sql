CREATE TABLE "asset" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "asset_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"kind" text NOT NULL,
	"original_filename" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"stored_file" text NOT NULL,
	"thumbnail_file" text,
	"title" text NOT NULL,
	"caption" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"credit" text,
	"shows_patient" boolean DEFAULT false NOT NULL,
	"consent" text DEFAULT 'none' NOT NULL,
	"consent_obtained_by" text,
	"consent_date" date,
	"consent_scan_file" text,
	"consent_scan_content_type" text,
	"uploaded_by" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "asset_consent_ck" CHECK ("asset"."consent" = 'none' or ("asset"."consent_obtained_by" is not null and "asset"."consent_date" is not null))
);
--> statement-breakpoint
CREATE TABLE "expert" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "expert_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"department_id" integer NOT NULL,
	"specialties" text,
	"bio" text,
	"clinic_hours" text,
	"photo_file" text,
	"photo_content_type" text,
	"user_id" integer,
	"grid_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"public_on_site" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_search_entry" (
	"article_id" integer PRIMARY KEY NOT NULL,
	"hospital_id" integer NOT NULL,
	"search_tokens" text NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "asset_hospital_idx" ON "asset" USING btree ("hospital_id","status","id");--> statement-breakpoint
CREATE INDEX "asset_department_idx" ON "asset" USING btree ("department_id","id");--> statement-breakpoint
CREATE INDEX "asset_tags_idx" ON "asset" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "expert_hospital_idx" ON "expert" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "expert_department_idx" ON "expert" USING btree ("department_id","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "expert_user_uq" ON "expert" USING btree ("user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE INDEX "site_search_entry_tokens_idx" ON "site_search_entry" USING gin (to_tsvector('simple', "search_tokens"));