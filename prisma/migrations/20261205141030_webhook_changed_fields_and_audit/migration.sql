-- AlterEnum
ALTER TYPE "AuditAction" ADD VALUE 'WEBHOOK_ENDPOINT_CHANGED';

-- employee.updated (docs/design.md, "Outgoing events"): every column a receiver may keep counts, the dates
-- included, and the event's data says which moved (`changed`, GraphQL field names). Before, only the
-- profile and the three Auth0 columns did, and only when no other event was written for the change (a
-- SCIM PATCH of name and groups told the role, not the name). Bookkeeping (leases, revisions, the
-- verification cursor, invitation state, updatedAt) still writes nothing.

-- Every event remembers itself for the rest of its transaction, so the next can tell whether it follows it.
CREATE OR REPLACE FUNCTION "webhook_event_insert"(event_type text, employee uuid, batch uuid, payload jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  event_id bigint;
BEGIN
  INSERT INTO "WebhookEvent" ("type", "employeeId", "importBatchId", "data")
    VALUES (event_type, employee, batch, payload) RETURNING "id" INTO event_id;
  INSERT INTO "WebhookDelivery" ("endpointId", "eventId")
    SELECT "id", event_id FROM "WebhookEndpoint"
     WHERE "disabledAt" IS NULL AND ('*' = ANY ("events") OR event_type = ANY ("events"));
  PERFORM set_config('webhook.last_event', concat_ws(':', employee, event_id, event_type), true);
END;
$$;

-- One change made in several statements of a transaction (an end date, then the deactivation it
-- schedules) is one employee.updated: when this transaction's latest event is this employee's update,
-- it takes the newer row and the union of the changed fields instead of a second event following it.
CREATE FUNCTION "webhook_employee_updated"(employee uuid, batch uuid, payload jsonb, changed text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  last text[] := string_to_array(current_setting('webhook.last_event', true), ':');
  earlier text[];
BEGIN
  IF last[1] = employee::text AND last[3] = 'employee.updated' THEN
    SELECT ARRAY(SELECT jsonb_array_elements_text("data" -> 'changed')) INTO earlier FROM "WebhookEvent" WHERE "id" = last[2]::bigint;
    UPDATE "WebhookEvent"
       SET "data" = payload || jsonb_build_object('changed', earlier || ARRAY(SELECT field FROM unnest(changed) AS field WHERE field <> ALL (earlier)))
     WHERE "id" = last[2]::bigint;
    RETURN;
  END IF;
  PERFORM "webhook_event_insert"('employee.updated', employee, batch, payload || jsonb_build_object('changed', changed));
END;
$$;

CREATE OR REPLACE FUNCTION "employee_webhook_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload jsonb := jsonb_build_object(
    'employeeId', NEW."id", 'externalId', NEW."externalId", 'auth0UserId', NEW."auth0UserId",
    'auth0AccountCreatedAt', NEW."auth0AccountCreatedAt", 'auth0SyncStatus', NEW."auth0SyncStatus",
    'active', NEW."active", 'role', NEW."role");
  specific boolean := false;
  changed text[] := ARRAY[]::text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "webhook_event_insert"('employee.created', NEW."id", NEW."importBatchId", payload);
    IF NEW."auth0UserId" IS NOT NULL THEN
      PERFORM "webhook_event_insert"('employee.account_created', NEW."id", NEW."importBatchId", payload);
    END IF;
    RETURN NULL;
  END IF;
  IF NEW."auth0UserId" IS NOT NULL AND OLD."auth0UserId" IS DISTINCT FROM NEW."auth0UserId" THEN
    PERFORM "webhook_event_insert"('employee.account_created', NEW."id", NEW."importBatchId", payload);
    specific := true;
  END IF;
  IF NEW."auth0SyncStatus" IS DISTINCT FROM OLD."auth0SyncStatus" AND NEW."auth0SyncStatus" = 'VERIFIED' THEN
    PERFORM "webhook_event_insert"('employee.verified', NEW."id", NEW."importBatchId", payload);
    specific := true;
  END IF;
  IF NEW."auth0SyncStatus" IS DISTINCT FROM OLD."auth0SyncStatus" AND NEW."auth0SyncStatus" = 'FAILED' THEN
    PERFORM "webhook_event_insert"('employee.provisioning_failed', NEW."id", NEW."importBatchId",
      payload || jsonb_build_object('failureReason', NEW."auth0SyncFailureReason"));
    specific := true;
  END IF;
  IF NEW."role" IS DISTINCT FROM OLD."role" THEN
    PERFORM "webhook_event_insert"('employee.role_changed', NEW."id", NEW."importBatchId", payload);
    specific := true;
  END IF;
  IF OLD."active" AND NOT NEW."active" THEN
    PERFORM "webhook_event_insert"('employee.deactivated', NEW."id", NEW."importBatchId", payload);
    specific := true;
  ELSIF NEW."active" AND NOT OLD."active" THEN
    PERFORM "webhook_event_insert"('employee.reactivated', NEW."id", NEW."importBatchId", payload);
    specific := true;
  END IF;
  -- The profile and the dates count whatever else the change did.
  IF NEW."name" IS DISTINCT FROM OLD."name" THEN changed := changed || 'name'::text; END IF;
  IF NEW."email" IS DISTINCT FROM OLD."email" THEN changed := changed || 'email'::text; END IF;
  IF NEW."department" IS DISTINCT FROM OLD."department" THEN changed := changed || 'department'::text; END IF;
  IF NEW."externalId" IS DISTINCT FROM OLD."externalId" THEN changed := changed || 'externalId'::text; END IF;
  IF NEW."userName" IS DISTINCT FROM OLD."userName" THEN changed := changed || 'userName'::text; END IF;
  IF NEW."startDate" IS DISTINCT FROM OLD."startDate" THEN changed := changed || 'startDate'::text; END IF;
  IF NEW."endDate" IS DISTINCT FROM OLD."endDate" THEN changed := changed || 'endDate'::text; END IF;
  -- A pending deactivation set, moved or cancelled; its running (or a reactivation) clears it with an
  -- event of its own.
  IF NEW."scheduledDeactivationAt" IS DISTINCT FROM OLD."scheduledDeactivationAt" AND NEW."active" = OLD."active" THEN
    changed := changed || 'scheduledDeactivationAt'::text;
  END IF;
  -- The three Auth0 columns moving without an event of their own (e.g. an unlink back to PENDING).
  IF NOT specific THEN
    IF NEW."auth0UserId" IS DISTINCT FROM OLD."auth0UserId" THEN changed := changed || 'auth0UserId'::text; END IF;
    IF NEW."auth0SyncStatus" IS DISTINCT FROM OLD."auth0SyncStatus" THEN changed := changed || 'auth0SyncStatus'::text; END IF;
    IF NEW."auth0AccountCreatedAt" IS DISTINCT FROM OLD."auth0AccountCreatedAt" THEN changed := changed || 'auth0AccountCreatedAt'::text; END IF;
  END IF;
  IF cardinality(changed) > 0 THEN
    PERFORM "webhook_employee_updated"(NEW."id", NEW."importBatchId", payload, changed);
  END IF;
  RETURN NULL;
END;
$$;
