import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as internalBackup } from '@/app/api/internal/backup/route';
import { seedDemoCatalogue } from '@/lib/demo/catalogue';
import { config } from '@/lib/config';
import { SOCKET_ADDRESS_HEADER } from '@/lib/http/client-address';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { requestInvoice } from '@/lib/invoices/request-invoice';
import { ISSUE, settleCharges } from '@/lib/invoices/testing';
import { createInvoiceTitle } from '@/lib/invoices/titles';
import { queryRows } from '@/lib/db/sql-rows';
import { verifyBooks } from '@/lib/billing/verify-books';
import { backupFormatOf, dumpPostgres, restoreEmbeddedDatabase, restorePostgres } from './backup';
import { drizzleFor, setProcessConnection, type Db, type RawConnection } from './client';
import { migrateDatabase } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

const NOW = new Date('2026-05-20T02:00:00Z');
const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));

/** Two customers with settled charges, top-ups and an issued invoice (its PDF rendered and frozen). */
async function seedMoneyAndInvoices(db: Db): Promise<void> {
  await seedDemoCatalogue(db);
  for (const accountId of ['BAK1', 'BAK2']) {
    await settleCharges(db, accountId, [
      { day: '2026-03-02', service: 'compute', quantity: '30.5' },
      { day: '2026-03-02', service: 'traffic', quantity: '4.25' },
      { day: '2026-03-03', service: 'storage', quantity: '120' },
    ]);
    const title = await createInvoiceTitle(db, { accountId, title: { type: 'individual', name: `Customer ${accountId}` }, now: NOW });
    const requested = await requestInvoice(db, { accountId, actor: null, fromMonth: '2026-03', toMonth: '2026-03', titleId: title.id, kind: 'general', recipientEmails: ['a@example.com'], now: NOW });
    await issueInvoice(db, { invoiceId: requested.invoiceId, actor: null, now: NOW, ...ISSUE });
  }
}

/** What a restore must give back: balances, postings, invoices with their PDFs' hashes, the ledger check. */
async function fingerprint(db: Db) {
  const balances = await queryRows<{ account_id: string; balance: string }>(db, sql`select account_id, balance_fen::text as balance from wallets order by account_id`);
  const postings = await queryRows<{ n: string; sum: string }>(db, sql`select count(*)::text as n, coalesce(sum(abs(amount_fen)), 0)::text as sum from ledger_postings`);
  const invoices = await queryRows<{ id: string; number: string | null; status: string; pdf: Uint8Array | string | null }>(
    db,
    sql`select id, number, status, pdf from invoices order by id`,
  );
  const pdfs = invoices.map((i) => ({
    id: i.id,
    number: i.number,
    status: i.status,
    pdfSha256: i.pdf === null ? null : createHash('sha256').update(typeof i.pdf === 'string' ? Buffer.from(i.pdf.replace(/^\\x/, ''), 'hex') : Buffer.from(i.pdf)).digest('hex'),
  }));
  const ledger = await verifyBooks(db);
  return { balances, postings, pdfs, ledgerOk: ledger.ok, transfers: ledger.transfers };
}

describe('backup and restore of the embedded database', () => {
  let raw: RawConnection;
  let db: Db;

  beforeAll(async () => {
    process.env.DATA_DIR = tempDir('portal-backup-config-');
    (globalThis as { __portalConfig?: unknown }).__portalConfig = undefined;
    const client = await PGlite.create(path.join(tempDir('portal-backup-src-'), 'pglite'));
    raw = { kind: 'pglite', client };
    await migrateDatabase(raw);
    db = drizzleFor(raw);
    setProcessConnection(raw);
    await seedMoneyAndInvoices(db);
  });
  afterAll(async () => {
    if (raw?.kind === 'pglite') await raw.client.close();
  });

  it('a backup taken through the running server restores into a fresh folder with the same balances, PDFs (byte for byte) and a ledger that verifies', async () => {
    const before = await fingerprint(db);
    expect(before.ledgerOk).toBe(true);
    expect(before.pdfs.filter((p) => p.pdfSha256 !== null)).toHaveLength(2);

    // As `npm run backup` asks the server holding DATA_DIR.
    const refused = await internalBackup(
      new Request('http://localhost/api/internal/backup', { method: 'POST', headers: { [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1', 'x-internal-token': 'wrong' }, body: '{}' }),
      {},
    );
    expect(refused.status).toBe(401);
    const response = await internalBackup(
      new Request('http://localhost/api/internal/backup', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SOCKET_ADDRESS_HEADER]: '127.0.0.1', 'x-forwarded-for': '127.0.0.1', 'x-internal-token': config().internalToken },
        body: '{}',
      }),
      {},
    );
    expect(response.status).toBe(200);
    const file = path.join(tempDir('portal-backup-file-'), 'portal.tar.gz');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    expect(await backupFormatOf(file)).toBe('pglite-tar-gzip');

    // Written after the backup: not in the restore.
    await db.execute(sql`insert into customer_accounts (id, name) values ('AFTER', 'after the backup')`);

    const freshDir = tempDir('portal-backup-restored-');
    await restoreEmbeddedDatabase(file, freshDir);
    await expect(restoreEmbeddedDatabase(file, freshDir)).rejects.toThrow(/already holds a database/);
    const restored = await PGlite.create(path.join(freshDir, 'pglite'));
    try {
      const restoredDb = drizzleFor({ kind: 'pglite', client: restored });
      expect(await fingerprint(restoredDb)).toEqual(before);
      expect(await queryRows(restoredDb, sql`select id from customer_accounts where id = 'AFTER'`)).toEqual([]);
    } finally {
      await restored.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  let source: TestDatabase;
  let targetUrl: string;
  const targetName = `portal_restore_${randomBytes(4).toString('hex')}`;
  const admin = () => new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });

  beforeAll(async () => {
    source = await createTestDatabase('postgres');
    await seedMoneyAndInvoices(source.db);
    const client = admin();
    await client.connect();
    await client.query(`create database ${targetName}`);
    await client.end();
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.pathname = `/${targetName}`;
    targetUrl = url.toString();
  });
  afterAll(async () => {
    await source?.close();
    const client = admin();
    await client.connect();
    await client.query(`drop database if exists ${targetName} with (force)`);
    await client.end();
  });

  it('a pg_dump backup restores into an empty database with the same balances, PDFs (byte for byte) and a ledger that verifies; never over data', async () => {
    const before = await fingerprint(source.db);
    const file = path.join(tempDir('portal-backup-pg-'), 'portal.dump');
    await dumpPostgres(source.url as string, file);
    expect(await backupFormatOf(file)).toBe('pg-dump-custom');
    await restorePostgres(file, targetUrl);
    await expect(restorePostgres(file, targetUrl)).rejects.toThrow(/already has tables/);

    const pool = new pg.Pool({ connectionString: targetUrl, max: 2 });
    try {
      const restoredDb = drizzleFor({ kind: 'postgres', pool });
      expect(await fingerprint(restoredDb)).toEqual(before);
      // The restored database is current: migrating it again changes nothing.
      await migrateDatabase({ kind: 'postgres', pool });
      expect(await fingerprint(restoredDb)).toEqual(before);
    } finally {
      await pool.end();
    }
  });
});
