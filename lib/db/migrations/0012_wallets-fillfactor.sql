-- Wallet balance updates are HOT (no index involves balance_fen); leave room on each page for them.
ALTER TABLE "wallets" SET (fillfactor = 80);
