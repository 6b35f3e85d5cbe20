-- Wallet postings written before balance_after_fen existed get it now: the running sum of the
-- wallet's postings in transfer-id order (the order they were posted in, for these). The
-- append-only trigger is set aside for this one statement.
ALTER TABLE "ledger_postings" DISABLE TRIGGER "ledger_postings_append_only";
--> statement-breakpoint
UPDATE "ledger_postings" p
SET "balance_after_fen" = x.running
FROM (
  SELECT transfer_id, ledger_account_id,
         sum(amount_fen) OVER (PARTITION BY ledger_account_id ORDER BY transfer_id ROWS UNBOUNDED PRECEDING) AS running
  FROM "ledger_postings"
  WHERE ledger_account_id LIKE 'wallet:%'
) x
WHERE p.transfer_id = x.transfer_id AND p.ledger_account_id = x.ledger_account_id AND p.balance_after_fen IS NULL;
--> statement-breakpoint
ALTER TABLE "ledger_postings" ENABLE TRIGGER "ledger_postings_append_only";
