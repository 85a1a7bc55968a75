-- Every committed write of an Employee row notifies `employee_changed`, not only inserts and status
-- changes: the per-process cache of the caller's own employee behind `me` (src/auth/viewer-employee-cache.ts)
-- must hear of any change to a row it may hold. The payload keeps {id, importBatchId} for subscriptions
-- and adds the row's auth0UserId before and after the write (null on insert / delete respectively), the
-- cache's key. An UPDATE that changes no column notifies nothing; TRUNCATE notifies once, {"truncated": true}.
DROP TRIGGER "Employee_notify_inserted" ON "Employee";
DROP TRIGGER "Employee_notify_status_changed" ON "Employee";
DROP FUNCTION "notify_employee_changed"();

CREATE FUNCTION "notify_employee_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('employee_changed', '{"truncated":true}');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('employee_changed', json_build_object(
      'id', OLD."id", 'importBatchId', OLD."importBatchId", 'oldAuth0UserId', OLD."auth0UserId", 'newAuth0UserId', NULL)::text);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('employee_changed', json_build_object(
      'id', NEW."id", 'importBatchId', NEW."importBatchId", 'oldAuth0UserId', NULL, 'newAuth0UserId', NEW."auth0UserId")::text);
  ELSE
    PERFORM pg_notify('employee_changed', json_build_object(
      'id', NEW."id", 'importBatchId', NEW."importBatchId", 'oldAuth0UserId', OLD."auth0UserId", 'newAuth0UserId', NEW."auth0UserId")::text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Employee_notify_inserted_or_deleted"
  AFTER INSERT OR DELETE ON "Employee"
  FOR EACH ROW EXECUTE FUNCTION "notify_employee_changed"();

CREATE TRIGGER "Employee_notify_updated"
  AFTER UPDATE ON "Employee"
  FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION "notify_employee_changed"();

CREATE TRIGGER "Employee_notify_truncated"
  AFTER TRUNCATE ON "Employee"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_employee_changed"();
