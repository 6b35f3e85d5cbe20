-- The ledger is append-only: corrections are new transfers. Refuse UPDATE and DELETE on money rows.
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused (post a correcting transfer instead)', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON "ledger_transfers" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON "ledger_postings" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER charge_lines_append_only BEFORE UPDATE OR DELETE ON "charge_lines" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER penalties_append_only BEFORE UPDATE OR DELETE ON "penalties" FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- The operator's own ledger accounts (wallets are created with their first posting).
INSERT INTO "ledger_accounts" ("id", "kind") VALUES
  ('operator:cash', 'cash'),
  ('operator:revenue', 'revenue'),
  ('operator:vat_payable', 'vat_payable'),
  ('operator:business_tax_payable', 'business_tax_payable'),
  ('operator:penalty_income', 'penalty_income'),
  ('operator:sla_credits', 'sla_credits'),
  ('operator:adjustments', 'adjustments')
ON CONFLICT DO NOTHING;
