CREATE TABLE "evaluation" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"kind" text NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"window_to" timestamp with time zone NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"items" jsonb NOT NULL,
	"departments" jsonb NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_item" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_item_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"metric" text NOT NULL,
	"target" integer NOT NULL,
	"period" text NOT NULL,
	"note" text,
	"responsible_user_id" integer,
	"supervisor_user_id" integer,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_plan" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"hospital_id" integer NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_plan_id_target_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."target_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_item" ADD CONSTRAINT "target_item_plan_id_target_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."target_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_plan_kind_uq" ON "evaluation" USING btree ("plan_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "target_item_uq" ON "target_item" USING btree ("plan_id","department_id","metric","period");--> statement-breakpoint
CREATE INDEX "target_item_department_idx" ON "target_item" USING btree ("department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "target_plan_name_uq" ON "target_plan" USING btree ("hospital_id","year","name");--> statement-breakpoint
CREATE INDEX "target_plan_hospital_idx" ON "target_plan" USING btree ("hospital_id","id");