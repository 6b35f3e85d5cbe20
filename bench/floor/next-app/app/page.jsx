import { connection } from 'next/server';
import { pool } from '../db.mjs';

/** One 50-row query of ledger_transfers, rendered as a table: the floor of a data page. */
export default async function Page() {
  await connection();
  const { rows } = await pool.query(
    'select id::text as id, kind, customer_account_id, effective_at from ledger_transfers order by effective_at desc, id desc limit 50',
  );
  return (
    <main>
      <h1>Transfers</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Kind</th>
            <th scope="col">Account</th>
            <th scope="col">At</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>{row.kind}</td>
              <td>{row.customer_account_id}</td>
              <td>{row.effective_at.toISOString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
