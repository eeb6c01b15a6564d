CREATE TABLE "incident_alert" (
	"incident_id" integer NOT NULL,
	"alert_id" integer NOT NULL,
	"linked_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_alert_incident_id_alert_id_pk" PRIMARY KEY("incident_id","alert_id")
);
--> statement-breakpoint
CREATE TABLE "incident_cluster" (
	"incident_id" integer NOT NULL,
	"cluster_id" integer NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_cluster_incident_id_cluster_id_pk" PRIMARY KEY("incident_id","cluster_id")
);
--> statement-breakpoint
CREATE TABLE "incident_event" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_event_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"actor_id" integer,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_mention" (
	"incident_id" integer NOT NULL,
	"mention_id" integer NOT NULL,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_mention_incident_id_mention_id_pk" PRIMARY KEY("incident_id","mention_id")
);
--> statement-breakpoint
CREATE TABLE "incident_response" (
	"incident_id" integer PRIMARY KEY NOT NULL,
	"statement_id" integer NOT NULL,
	"statement_version" integer NOT NULL,
	"statement_topic" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"article_id" integer,
	"drafted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_sla_policy" (
	"hospital_id" integer NOT NULL,
	"level" smallint NOT NULL,
	"first_response_minutes" integer NOT NULL,
	"stage_minutes" jsonb NOT NULL,
	"updated_by" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_sla_policy_hospital_id_level_pk" PRIMARY KEY("hospital_id","level")
);
--> statement-breakpoint
CREATE TABLE "incident_task" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_task_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"incident_id" integer NOT NULL,
	"title" text NOT NULL,
	"assignee_id" integer NOT NULL,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incident_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"level" smallint NOT NULL,
	"stage" text DEFAULT 'discovered' NOT NULL,
	"department_id" integer NOT NULL,
	"owner_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"discovered_at" timestamp with time zone NOT NULL,
	"stage_entered_at" timestamp with time zone NOT NULL,
	"stage_due_at" timestamp with time zone,
	"stage_overdue_at" timestamp with time zone,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"first_response_overdue_at" timestamp with time zone,
	"escalated" boolean DEFAULT false NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalation_reason" text,
	"lessons" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_level_ck" CHECK ("incident"."level" between 1 and 4)
);
--> statement-breakpoint
ALTER TABLE "incident_alert" ADD CONSTRAINT "incident_alert_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_cluster" ADD CONSTRAINT "incident_cluster_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_event" ADD CONSTRAINT "incident_event_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_mention" ADD CONSTRAINT "incident_mention_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_response" ADD CONSTRAINT "incident_response_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_task" ADD CONSTRAINT "incident_task_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_alert_alert_uq" ON "incident_alert" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "incident_cluster_cluster_idx" ON "incident_cluster" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "incident_event_incident_idx" ON "incident_event" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incident_mention_mention_idx" ON "incident_mention" USING btree ("mention_id");--> statement-breakpoint
CREATE INDEX "incident_task_incident_idx" ON "incident_task" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incident_task_assignee_idx" ON "incident_task" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "incident_hospital_stage_idx" ON "incident" USING btree ("hospital_id","stage","id");--> statement-breakpoint
CREATE INDEX "incident_owner_idx" ON "incident" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "incident_stage_due_idx" ON "incident" USING btree ("stage_due_at") WHERE stage <> 'closed' and stage_overdue_at is null;--> statement-breakpoint
CREATE INDEX "incident_first_response_due_idx" ON "incident" USING btree ("first_response_due_at") WHERE responded_at is null and first_response_overdue_at is null and stage in ('discovered', 'assessed', 'handled');--> statement-breakpoint
CREATE INDEX "incident_unescalated_red_idx" ON "incident" USING btree ("id") WHERE level = 4 and not escalated and stage <> 'closed';