CREATE TABLE "mention_cluster" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mention_cluster_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"first_mention_id" integer,
	"title" text DEFAULT '' NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	"reach" real DEFAULT 0 NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"last_hour_count" integer DEFAULT 0 NOT NULL,
	"peak_hour_count" integer DEFAULT 0 NOT NULL,
	"max_risk" smallint DEFAULT 0 NOT NULL,
	"about_hospital" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention_correction" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mention_correction_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"mention_id" integer NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"reason" text NOT NULL,
	"analysis_reasons" jsonb NOT NULL,
	"corrected_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mention_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	"title" text DEFAULT '' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"author" text,
	"published_at" timestamp with time zone,
	"occurred_at" timestamp with time zone NOT NULL,
	"reposts" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"raw" jsonb,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"about_hospital" boolean NOT NULL,
	"polarity" text NOT NULL,
	"risk" smallint NOT NULL,
	"category" text NOT NULL,
	"cluster_id" integer,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"corrected_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"corrected_by" integer,
	"corrected_at" timestamp with time zone,
	"search_tokens" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_clue_screenshot" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opinion_clue_screenshot_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clue_id" integer NOT NULL,
	"stored_file" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_clue" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opinion_clue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"reported_by" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"url" text,
	"platform" text,
	"seen_at" timestamp with time zone,
	"status" text DEFAULT 'new' NOT NULL,
	"mention_id" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"dismiss_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opinion_source" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "opinion_source_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"url" text,
	"status" text DEFAULT 'active' NOT NULL,
	"poll_interval_minutes" integer DEFAULT 15 NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	"etag" text,
	"last_modified" text,
	"next_poll_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"bozo_reason" text,
	"secret_ciphertext" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_rule" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "watch_rule_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'active' NOT NULL,
	"origin" text DEFAULT 'manual' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_evaluation_watermark" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_mention_id" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"alert_id" integer NOT NULL,
	"kind" text NOT NULL,
	"level" smallint NOT NULL,
	"notify_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"actor_id" integer,
	"note" text,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_mention" (
	"alert_id" integer NOT NULL,
	"mention_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_mention_alert_id_mention_id_pk" PRIMARY KEY("alert_id","mention_id")
);
--> statement-breakpoint
CREATE TABLE "alert_rule" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_rule_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"min_level" smallint,
	"growth" jsonb,
	"keywords" jsonb,
	"quiet_hours" jsonb,
	"escalation" jsonb,
	"recipients" jsonb NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alert_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"rule_id" integer NOT NULL,
	"cluster_id" integer,
	"group_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"level" smallint NOT NULL,
	"title" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"mention_count" integer DEFAULT 0 NOT NULL,
	"first_mention_id" integer NOT NULL,
	"last_mention_at" timestamp with time zone NOT NULL,
	"notified_level" smallint DEFAULT 0 NOT NULL,
	"escalation_due_at" timestamp with time zone,
	"escalated_level" smallint DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"close_note" text,
	"incident_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_channel" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notification_channel_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets_ciphertext" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_delivery" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notification_delivery_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"alert_id" integer,
	"channel_id" integer NOT NULL,
	"channel_kind" text NOT NULL,
	"purpose" text NOT NULL,
	"level" smallint,
	"target" text NOT NULL,
	"payload_summary" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"response_code" text,
	"next_attempt_at" timestamp with time zone,
	"attempt_started_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mention_correction" ADD CONSTRAINT "mention_correction_mention_id_mention_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mention"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention" ADD CONSTRAINT "mention_source_id_opinion_source_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."opinion_source"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention" ADD CONSTRAINT "mention_cluster_id_mention_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."mention_cluster"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_clue_screenshot" ADD CONSTRAINT "opinion_clue_screenshot_clue_id_opinion_clue_id_fk" FOREIGN KEY ("clue_id") REFERENCES "public"."opinion_clue"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opinion_clue" ADD CONSTRAINT "opinion_clue_mention_id_mention_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mention"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_event" ADD CONSTRAINT "alert_event_alert_id_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alert"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_mention" ADD CONSTRAINT "alert_mention_alert_id_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alert"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_mention" ADD CONSTRAINT "alert_mention_mention_id_mention_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mention"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert" ADD CONSTRAINT "alert_rule_id_alert_rule_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rule"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_alert_id_alert_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alert"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_channel_id_notification_channel_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notification_channel"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mention_cluster_hospital_last_seen_idx" ON "mention_cluster" USING btree ("hospital_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "mention_cluster_first_mention_idx" ON "mention_cluster" USING btree ("first_mention_id");--> statement-breakpoint
CREATE INDEX "mention_correction_mention_idx" ON "mention_correction" USING btree ("mention_id","id");--> statement-breakpoint
CREATE INDEX "mention_correction_hospital_idx" ON "mention_correction" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mention_source_external_uq" ON "mention" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "mention_hospital_id_idx" ON "mention" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "mention_hospital_risk_idx" ON "mention" USING btree ("hospital_id","risk","id");--> statement-breakpoint
CREATE INDEX "mention_hospital_occurred_idx" ON "mention" USING btree ("hospital_id","occurred_at");--> statement-breakpoint
CREATE INDEX "mention_cluster_idx" ON "mention" USING btree ("cluster_id","occurred_at");--> statement-breakpoint
CREATE INDEX "mention_source_ingested_idx" ON "mention" USING btree ("source_id","ingested_at");--> statement-breakpoint
CREATE INDEX "mention_search_idx" ON "mention" USING gin (to_tsvector('simple', "search_tokens"));--> statement-breakpoint
CREATE INDEX "opinion_clue_screenshot_clue_idx" ON "opinion_clue_screenshot" USING btree ("clue_id","id");--> statement-breakpoint
CREATE INDEX "opinion_clue_hospital_idx" ON "opinion_clue" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "opinion_clue_reporter_idx" ON "opinion_clue" USING btree ("reported_by","id");--> statement-breakpoint
CREATE UNIQUE INDEX "opinion_source_hospital_name_uq" ON "opinion_source" USING btree ("hospital_id","name");--> statement-breakpoint
CREATE INDEX "opinion_source_due_idx" ON "opinion_source" USING btree ("next_poll_at") WHERE kind = 'rss' and status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "watch_rule_hospital_kind_term_uq" ON "watch_rule" USING btree ("hospital_id","kind","term");--> statement-breakpoint
CREATE INDEX "alert_event_hospital_idx" ON "alert_event" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "alert_event_alert_idx" ON "alert_event" USING btree ("alert_id","id");--> statement-breakpoint
CREATE INDEX "alert_mention_mention_idx" ON "alert_mention" USING btree ("mention_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rule_hospital_name_uq" ON "alert_rule" USING btree ("hospital_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_rule_group_live_uq" ON "alert" USING btree ("rule_id","group_key") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "alert_hospital_idx" ON "alert" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "alert_hospital_status_idx" ON "alert" USING btree ("hospital_id","status","id");--> statement-breakpoint
CREATE INDEX "alert_cluster_idx" ON "alert" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "alert_escalation_due_idx" ON "alert" USING btree ("escalation_due_at") WHERE status = 'open' and escalation_due_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_channel_hospital_name_uq" ON "notification_channel" USING btree ("hospital_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_delivery_once_uq" ON "notification_delivery" USING btree ("alert_id","channel_id","purpose","level") WHERE alert_id is not null;--> statement-breakpoint
CREATE INDEX "notification_delivery_hospital_idx" ON "notification_delivery" USING btree ("hospital_id","id");--> statement-breakpoint
CREATE INDEX "notification_delivery_alert_idx" ON "notification_delivery" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "notification_delivery_in_flight_idx" ON "notification_delivery" USING btree ("attempt_started_at") WHERE attempt_started_at is not null;