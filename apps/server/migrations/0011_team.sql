CREATE TABLE "commendation" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commendation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"top_n" integer NOT NULL,
	"min_points" integer NOT NULL,
	"excluded_user_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"items" jsonb NOT NULL,
	"note" text,
	"confirmed_by" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correspondent" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "correspondent_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"level_id" integer NOT NULL,
	"grid_roles" text[] NOT NULL,
	"department_ids" integer[] NOT NULL,
	"since" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grid_level" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grid_level_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_entry" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_entry_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"points" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" integer,
	"article_id" integer,
	"rule_id" integer,
	"grant_no" integer,
	"reverses_id" bigint,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_rule" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "points_rule_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"channel_kind" text,
	"category" text,
	"media_level" text,
	"points" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"training_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"attendance" text DEFAULT 'pending' NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"topic" text NOT NULL,
	"trainer" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"description" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "correspondent" ADD CONSTRAINT "correspondent_level_id_grid_level_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."grid_level"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_rule_id_points_rule_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."points_rule"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_reverses_id_points_entry_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."points_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_training_id_training_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."training"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "commendation_year_uq" ON "commendation" USING btree ("hospital_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "correspondent_user_uq" ON "correspondent" USING btree ("hospital_id","user_id");--> statement-breakpoint
CREATE INDEX "correspondent_hospital_idx" ON "correspondent" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "correspondent_departments_idx" ON "correspondent" USING gin ("department_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "grid_level_name_uq" ON "grid_level" USING btree ("hospital_id","name");--> statement-breakpoint
CREATE INDEX "grid_level_hospital_idx" ON "grid_level" USING btree ("hospital_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entry_grant_uq" ON "points_entry" USING btree ("source_type","source_id","rule_id","user_id","grant_no","kind") WHERE rule_id is not null;--> statement-breakpoint
CREATE INDEX "points_entry_hospital_idx" ON "points_entry" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "points_entry_occurred_idx" ON "points_entry" USING btree ("hospital_id","occurred_at");--> statement-breakpoint
CREATE INDEX "points_entry_user_idx" ON "points_entry" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "points_entry_source_idx" ON "points_entry" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "points_entry_article_idx" ON "points_entry" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "points_rule_hospital_idx" ON "points_rule" USING btree ("hospital_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_uq" ON "training_attendance" USING btree ("training_id","user_id");--> statement-breakpoint
CREATE INDEX "training_attendance_user_idx" ON "training_attendance" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "training_hospital_idx" ON "training" USING btree ("hospital_id","starts_at");