-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "description" TEXT NOT NULL DEFAULT '',
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretUntil" TIMESTAMPTZ(3),
    "disabledAt" TIMESTAMPTZ(3),
    "disabledReason" TEXT,
    "failingSince" TIMESTAMPTZ(3),
    "leaseUntil" TIMESTAMPTZ(3),
    "leaseOwner" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "employeeId" UUID,
    "importBatchId" UUID,
    "data" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "endpointId" UUID NOT NULL,
    "eventId" BIGINT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastResponseStatus" INTEGER,
    "lastResponseBody" TEXT,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("endpointId","eventId")
);

-- CreateIndex
CREATE INDEX "WebhookEvent_occurredAt_idx" ON "WebhookEvent"("occurredAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_status_eventId_idx" ON "WebhookDelivery"("endpointId", "status", "eventId");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox (docs/design.md, "Outgoing events"). Triggers write each event in the transaction of the
-- change itself, whoever makes it (gateway, worker, CLI, import, a manual UPDATE), and queue it at once
-- for every enabled endpoint subscribed to its type. An employee's writes are serialised by its row lock,
-- so its events get increasing ids in commit order: the id is the event's `sequence`.
CREATE FUNCTION "webhook_event_insert"(event_type text, employee uuid, batch uuid, payload jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  event_id bigint;
BEGIN
  INSERT INTO "WebhookEvent" ("type", "employeeId", "importBatchId", "data")
    VALUES (event_type, employee, batch, payload) RETURNING "id" INTO event_id;
  INSERT INTO "WebhookDelivery" ("endpointId", "eventId")
    SELECT "id", event_id FROM "WebhookEndpoint"
     WHERE "disabledAt" IS NULL AND ('*' = ANY ("events") OR event_type = ANY ("events"));
END;
$$;

CREATE FUNCTION "employee_webhook_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  payload jsonb := jsonb_build_object(
    'employeeId', NEW."id", 'externalId', NEW."externalId", 'auth0UserId', NEW."auth0UserId",
    'auth0AccountCreatedAt', NEW."auth0AccountCreatedAt", 'auth0SyncStatus', NEW."auth0SyncStatus",
    'active', NEW."active", 'role', NEW."role");
  specific boolean := false;
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
  -- Any other change a receiver may keep (the profile, or the three columns moving without an event of
  -- their own, e.g. an unlink back to PENDING) is an update.
  IF NOT specific AND (
       NEW."name" IS DISTINCT FROM OLD."name" OR NEW."email" IS DISTINCT FROM OLD."email"
    OR NEW."department" IS DISTINCT FROM OLD."department" OR NEW."externalId" IS DISTINCT FROM OLD."externalId"
    OR NEW."auth0UserId" IS DISTINCT FROM OLD."auth0UserId" OR NEW."auth0SyncStatus" IS DISTINCT FROM OLD."auth0SyncStatus"
    OR NEW."auth0AccountCreatedAt" IS DISTINCT FROM OLD."auth0AccountCreatedAt") THEN
    PERFORM "webhook_event_insert"('employee.updated', NEW."id", NEW."importBatchId", payload);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Employee_webhook_events"
  AFTER INSERT OR UPDATE ON "Employee"
  FOR EACH ROW EXECUTE FUNCTION "employee_webhook_events"();

-- An import is finished when its row outcomes are stored (the one UPDATE of its batch row); the
-- employees it created go on being provisioned, each with its own events.
CREATE FUNCTION "import_webhook_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."rows" IS DISTINCT FROM NEW."rows" THEN
    PERFORM "webhook_event_insert"('import.finished', NULL, NEW."id", jsonb_build_object(
      'importBatchId', NEW."id", 'total', NEW."total", 'created', NEW."created", 'adopted', NEW."adopted",
      'alreadyExists', NEW."alreadyExists", 'conflicts', NEW."conflicts", 'invalid', NEW."invalid"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ImportBatch_webhook_events"
  AFTER UPDATE ON "ImportBatch"
  FOR EACH ROW EXECUTE FUNCTION "import_webhook_events"();
