-- Live status for subscriptions (src/subscriptions/): every writer of an employee's Auth0 sync status or
-- active flag (gateways, workers, the import CLI, a manual UPDATE) notifies channel `employee_changed`,
-- which each gateway process LISTENs on. The payload names the employee and its import batch only;
-- listeners read the current state themselves. Delivered at commit, never for a rolled-back change.
CREATE FUNCTION "notify_employee_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('employee_changed', json_build_object('id', NEW."id", 'importBatchId', NEW."importBatchId")::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Employee_notify_inserted"
  AFTER INSERT ON "Employee"
  FOR EACH ROW EXECUTE FUNCTION "notify_employee_changed"();

CREATE TRIGGER "Employee_notify_status_changed"
  AFTER UPDATE OF "auth0SyncStatus", "active" ON "Employee"
  FOR EACH ROW
  WHEN (OLD."auth0SyncStatus" IS DISTINCT FROM NEW."auth0SyncStatus" OR OLD."active" IS DISTINCT FROM NEW."active")
  EXECUTE FUNCTION "notify_employee_changed"();
