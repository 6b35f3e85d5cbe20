-- Penalty parts are money records like charge lines: append-only.
CREATE TRIGGER penalty_parts_append_only BEFORE UPDATE OR DELETE ON "penalty_parts" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
ALTER TABLE "penalty_parts" ADD CONSTRAINT "penalty_parts_gross_is_net_plus_tax" CHECK ("gross_fen" = "net_fen" + "tax_fen");
--> statement-breakpoint
-- Released links stay as the record of what a rejected or credited invoice covered (as invoice_charges).
CREATE OR REPLACE FUNCTION invoice_penalty_parts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoice_penalty_parts: DELETE refused (release the row instead)';
  END IF;
  IF NEW.invoice_id <> OLD.invoice_id OR NEW.penalty_part_id <> OLD.penalty_part_id OR OLD.released_at IS NOT NULL OR NEW.released_at IS NULL THEN
    RAISE EXCEPTION 'invoice_penalty_parts: only releasing a live row is allowed';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_penalty_parts_release_only BEFORE UPDATE OR DELETE ON "invoice_penalty_parts" FOR EACH ROW EXECUTE FUNCTION invoice_penalty_parts_refuse_change();
