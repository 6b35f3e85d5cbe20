/**
 * The machine API's floor for `npm run bench -- floor`: bare `node:http` + `pg`, no framework, no
 * validation. `GET /api/v1/accounts/{id}` runs the portal's query and answers the same JSON;
 * `POST /api/v1/usage` parses the body and runs the same set-based insert in one transaction.
 * Anything else is a bare 404. WORKERS processes (node:cluster) share PORT, like the portal's.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { serveInWorkers } from './cluster.mjs';

serveInWorkers((port, listening) => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  // The portal's query (lib/billing/account-status.ts): the wallet and the account's standing.
  const accountSql = `select c.id, coalesce(w.balance_fen, 0)::text as balance_fen,
         coalesce(w.penalty_arrears_fen, 0)::text as penalty_arrears_fen,
         (floor(extract(epoch from w.suspended_at) * 1000))::bigint::text as suspended_at,
         s.state as standing_state, (floor(extract(epoch from s.since) * 1000))::bigint::text as standing_since
    from customer_accounts c left join wallets w on w.account_id = c.id left join account_standings s on s.account_id = c.id
    where c.id = $1`;
  const usageSql = `with src as (
      select * from json_to_recordset($1::json)
        as x(id text, account_id text, service_id text, quantity numeric, occurred_at timestamptz, service_day date, late boolean)
    ), ins as (
      insert into usage_events (id, account_id, service_id, quantity, occurred_at, service_day, received_at)
      select id, account_id, service_id, quantity, occurred_at, service_day, now() from src
      on conflict (id) do nothing returning id
    )
    select count(*)::text as accepted from ins`;
  const decimal = (fen: bigint) => {
    const abs = fen < 0n ? -fen : fen;
    return `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  };
  const send = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

  createServer(async (req, res) => {
    try {
      const url = req.url ?? '/';
      if (req.method === 'GET' && url.startsWith('/api/v1/accounts/')) {
        const id = decodeURIComponent(url.slice('/api/v1/accounts/'.length));
        const { rows } = await pool.query<{ id: string; balance_fen: string; suspended_at: string | null; standing_state: string | null; standing_since: string | null }>(accountSql, [id]);
        const row = rows[0];
        if (!row) return send(res, 404, { error: { code: 'not_found', message: `No account ${id}`, field: 'id' } });
        const walletSuspendedAt = row.suspended_at === null ? null : Number(row.suspended_at);
        const since = row.standing_since === null ? null : Number(row.standing_since);
        const [status, suspendedMs] =
          row.standing_state === 'closed' || row.standing_state === 'terminated'
            ? [row.standing_state, walletSuspendedAt]
            : row.standing_state === 'suspended_for_cause'
              ? ['suspended', walletSuspendedAt !== null && since !== null && walletSuspendedAt < since ? walletSuspendedAt : since]
              : [walletSuspendedAt === null ? 'active' : 'suspended', walletSuspendedAt];
        const suspendedAt = suspendedMs === null ? null : new Date(suspendedMs).toISOString();
        return send(res, 200, { id: row.id, status, balance: decimal(BigInt(row.balance_fen)), currency: 'CNY', suspendedAt });
      }
      if (req.method === 'POST' && url === '/api/v1/usage') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          events: { id: string; account: string; service: string; quantity: string; occurredAt: string }[];
        };
        const rows = events.map((e) => ({
          id: e.id,
          account_id: e.account,
          service_id: e.service,
          quantity: e.quantity,
          occurred_at: e.occurredAt,
          service_day: day.format(new Date(e.occurredAt)),
          late: false,
        }));
        const client = await pool.connect();
        try {
          await client.query('begin');
          const { rows: counts } = await client.query<{ accepted: string }>(usageSql, [JSON.stringify(rows)]);
          await client.query('commit');
          const accepted = Number(counts[0].accepted);
          return send(res, 202, { accepted, duplicates: events.length - accepted });
        } catch (error) {
          await client.query('rollback');
          throw error;
        } finally {
          client.release();
        }
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String((error as Error).message));
    }
  }).listen(port, listening);
});
