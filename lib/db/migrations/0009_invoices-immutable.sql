-- Issued invoices are frozen (DESIGN.md "Invoices": an issued invoice is never edited; a credit note reverses it).
-- Amounts, buyer and covered period never change after the request; number, issue data and PDF are set once,
-- by the issuing transaction; the only later change is issued → credited when its credit note is issued.
CREATE OR REPLACE FUNCTION invoices_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.number IS NOT NULL THEN
      RAISE EXCEPTION 'invoice % is issued: DELETE refused (issue a credit note instead)', OLD.number;
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW.id, NEW.account_id, NEW.type, NEW.kind, NEW.buyer, NEW.recipient_emails, NEW.period_from, NEW.period_to,
      NEW.net_fen, NEW.tax_fen, NEW.gross_fen, NEW.document, NEW.requested_at, NEW.requested_by, NEW.reverses_invoice_id)
     IS DISTINCT FROM
     (OLD.id, OLD.account_id, OLD.type, OLD.kind, OLD.buyer, OLD.recipient_emails, OLD.period_from, OLD.period_to,
      OLD.net_fen, OLD.tax_fen, OLD.gross_fen, OLD.document, OLD.requested_at, OLD.requested_by, OLD.reverses_invoice_id) THEN
    RAISE EXCEPTION 'invoice %: amounts, buyer and period are fixed when requested', OLD.id;
  END IF;
  IF OLD.status <> 'requested'
     AND (NEW.number, NEW.number_year, NEW.number_seq, NEW.issued_at, NEW.issued_by, NEW.pdf,
          NEW.rejected_at, NEW.rejected_by, NEW.reject_reason)
         IS DISTINCT FROM
         (OLD.number, OLD.number_year, OLD.number_seq, OLD.issued_at, OLD.issued_by, OLD.pdf,
          OLD.rejected_at, OLD.rejected_by, OLD.reject_reason) THEN
    RAISE EXCEPTION 'invoice % is %: number, PDF and decision are frozen', coalesce(OLD.number, OLD.id::text), OLD.status;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status
     AND NOT ((OLD.status = 'requested' AND NEW.status IN ('issued', 'rejected'))
              OR (OLD.status = 'issued' AND OLD.type = 'invoice' AND NEW.status = 'credited')) THEN
    RAISE EXCEPTION 'invoice %: status % → % refused', coalesce(OLD.number, OLD.id::text), OLD.status, NEW.status;
  END IF;
  IF NEW.credited_at IS DISTINCT FROM OLD.credited_at AND NOT (OLD.status = 'issued' AND NEW.status = 'credited') THEN
    RAISE EXCEPTION 'invoice %: credited_at is set only when a credit note reverses it', coalesce(OLD.number, OLD.id::text);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_frozen BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION invoices_refuse_change();
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_issued_complete" CHECK (
  "status" NOT IN ('issued', 'credited')
  OR ("number" IS NOT NULL AND "number_year" IS NOT NULL AND "number_seq" IS NOT NULL AND "issued_at" IS NOT NULL AND "pdf" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_rejected_has_reason" CHECK ("status" <> 'rejected' OR "reject_reason" IS NOT NULL);
--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_note_reverses" CHECK (("type" = 'credit_note') = ("reverses_invoice_id" IS NOT NULL));
--> statement-breakpoint
-- Released link rows stay as the record of what a rejected or credited invoice covered; they are never deleted.
CREATE OR REPLACE FUNCTION invoice_charges_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'invoice_charges: DELETE refused (release the row instead)';
  END IF;
  IF NEW.invoice_id <> OLD.invoice_id OR NEW.charge_line_id <> OLD.charge_line_id OR OLD.released_at IS NOT NULL OR NEW.released_at IS NULL THEN
    RAISE EXCEPTION 'invoice_charges: only releasing a live row is allowed';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_charges_release_only BEFORE UPDATE OR DELETE ON "invoice_charges" FOR EACH ROW EXECUTE FUNCTION invoice_charges_refuse_change();
