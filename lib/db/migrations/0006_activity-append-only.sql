-- Activity records are append-only (DESIGN: "Activity records"): UPDATE is always refused, and
-- DELETE only inside the retention purge, which sets the transaction-local `portal.retention_purge`.
CREATE OR REPLACE FUNCTION activity_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('portal.retention_purge', true), '') = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'activity_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER activity_records_append_only BEFORE UPDATE OR DELETE ON "activity_records" FOR EACH ROW EXECUTE FUNCTION activity_records_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION activity_records_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'activity_records is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER activity_records_no_truncate BEFORE TRUNCATE ON "activity_records" FOR EACH STATEMENT EXECUTE FUNCTION activity_records_refuse_truncate();
