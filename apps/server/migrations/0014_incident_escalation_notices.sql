ALTER TABLE "notification_delivery" ADD COLUMN "incident_id" integer;--> statement-breakpoint
ALTER TABLE "incident_sla_policy" ADD COLUMN "escalation_channel_ids" integer[];--> statement-breakpoint
ALTER TABLE "incident" ADD COLUMN "escalation_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_delivery_incident_once_uq" ON "notification_delivery" USING btree ("incident_id","channel_id","purpose") WHERE incident_id is not null;--> statement-breakpoint
CREATE INDEX "incident_escalation_untold_idx" ON "incident" USING btree ("id") WHERE escalated and escalation_notified_at is null;--> statement-breakpoint
-- Escalations before this migration were already handled by hand: they are not announced again.
UPDATE "incident" SET "escalation_notified_at" = "escalated_at" WHERE "escalated";