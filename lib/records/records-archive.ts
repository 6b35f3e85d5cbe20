import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import { recordActivity } from '@/lib/audit/record-activity';
import { activityExportChunks } from '@/lib/audit/export-activity';
import type { Viewer } from '@/lib/auth/viewer';
import { historyCsvChunks } from '@/lib/charges/history-csv';
import { emptyHistoryFilter } from '@/lib/charges/history-filter';
import { getContactDetails } from '@/lib/contact/contact-details';
import type { Db } from '@/lib/db/client';
import { keysetPages } from '@/lib/db/keyset';
import { payments } from '@/lib/db/schema';
import { csvChunks } from '@/lib/http/csv';
import { countFinancePdfs, financePdfFiles } from '@/lib/invoices/invoice-queries';
import { zipPdfsWebStream, type ZipFile } from '@/lib/invoices/zip-pdfs';
import { fenToDecimalString } from '@/lib/money';
import { RECORD_FILES } from './record-files';

/**
 * "Download my records" (the terms: the operator records what is necessary and provides it when
 * the customer needs it): one ZIP of everything the portal keeps about an account, streamed so an
 * account of any age downloads in constant memory.
 *
 *   README.txt          what each file is, in English and Chinese
 *   activity.jsonl      the account's activity records still kept (JSON lines, oldest first)
 *   charges.csv         the whole charge history, as /charges exports it
 *   top-ups.csv         every top-up attempt and how it ended
 *   contact.json        the contact details on file and their verification
 *   <number>.pdf        each issued invoice and credit note, as issued
 */


const README = `Your records / 您的记录

activity.jsonl  Activity: sign-ins, support access and actions on the account (JSON lines).
                活动记录：登录、客服访问及对账户的操作（每行一个 JSON）。
charges.csv     Every charge, credit, penalty and top-up of the wallet, with net, tax and balance.
                钱包的每一笔扣费、抵扣、违约金和充值，含不含税金额、税额和余额。
top-ups.csv     Every top-up attempt and its outcome.
                每一次充值尝试及其结果。
contact.json    The contact details on file.
                在册的联系方式。
*.pdf           Each issued invoice and credit note, as issued.
                已开具的每一张发票和红字发票。
`;

const TOP_UP_COLUMNS = ['id', 'created_at', 'provider', 'amount_cny', 'status', 'failure_reason', 'settled_at'];

async function* topUpCsvBatches(db: Db, accountId: string, pageSize: number): AsyncGenerator<string[][]> {
  const pages = keysetPages(
    pageSize,
    (after: { createdAt: Date; id: string } | null) => {
      const keyset: SQL | undefined = after ? or(gt(payments.createdAt, after.createdAt), and(eq(payments.createdAt, after.createdAt), gt(payments.id, after.id))) : undefined;
      return db
        .select()
        .from(payments)
        .where(and(eq(payments.accountId, accountId), keyset))
        .orderBy(asc(payments.createdAt), asc(payments.id))
        .limit(pageSize);
    },
    (last) => ({ createdAt: last.createdAt, id: last.id }),
  );
  for await (const rows of pages) {
    yield rows.map((p) => [p.id, p.createdAt.toISOString(), p.provider, fenToDecimalString(p.amountFen), p.status, p.failureReason ?? '', p.settledAt?.toISOString() ?? '']);
  }
}

const topUpCsv = (db: Db, accountId: string, pageSize = 500) => csvChunks(TOP_UP_COLUMNS, topUpCsvBatches(db, accountId, pageSize));

const chargesCsv = (db: Db, accountId: string, timeZone: string) => historyCsvChunks(db, { accountId, filter: emptyHistoryFilter, timeZone }, 2_000);

async function* once(text: () => Promise<string>): AsyncGenerator<string> {
  yield await text();
}

/** The archive's files in order; each is read from the database only when its turn comes. */
export async function* accountRecordFiles(db: Db, q: { accountId: string; timeZone: string; now: Date }): AsyncGenerator<ZipFile> {
  const modifiedAt = q.now;
  yield { fileName: 'README.txt', bytes: new TextEncoder().encode(README), modifiedAt };
  yield { fileName: 'activity.jsonl', text: activityExportChunks(db, { start: new Date(0), end: new Date(q.now.getTime() + 1), accountId: q.accountId }, 'jsonl'), modifiedAt };
  yield { fileName: 'charges.csv', text: chargesCsv(db, q.accountId, q.timeZone), modifiedAt };
  yield { fileName: 'top-ups.csv', text: topUpCsv(db, q.accountId), modifiedAt };
  yield { fileName: 'contact.json', text: once(async () => `${JSON.stringify(await getContactDetails(db, q.accountId, q.now), null, 2)}\n`), modifiedAt };
  yield* financePdfFiles(db, { status: 'all', timeZone: q.timeZone, accountId: q.accountId });
}

/**
 * Starts the download of the shown account's records: records it in the account's activity log
 * (with support's name when support views as the customer), then returns the streamed ZIP and
 * how many files it will hold, for the page's progress.
 */
export async function startRecordsDownload(
  db: Db,
  q: { viewer: Viewer; timeZone: string; now: Date; ip: string | null; userAgent: string | null },
): Promise<{ files: number; fileName: string; body: ReadableStream<Uint8Array> }> {
  const { viewer } = q;
  await recordActivity(db, {
    accountId: viewer.accountId,
    actorUserId: viewer.userId,
    actorName: viewer.name,
    kind: 'records_download',
    impersonation: Boolean(viewer.impersonation),
    ip: q.ip,
    userAgent: q.userAgent,
    details: {},
    at: q.now,
  });
  const pdfs = await countFinancePdfs(db, { status: 'all', timeZone: q.timeZone, accountId: viewer.accountId });
  const day = q.now.toISOString().slice(0, 10);
  return {
    files: RECORD_FILES.length + pdfs.files,
    fileName: `records-${viewer.accountId}-${day}.zip`,
    // Text compresses well; the PDFs inside are compressed already, but one level keeps it simple.
    body: zipPdfsWebStream(accountRecordFiles(db, { accountId: viewer.accountId, timeZone: q.timeZone, now: q.now }), { compressionLevel: 6 }),
  };
}
