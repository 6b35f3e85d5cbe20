import { count, eq } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleFor, type Db } from '@/lib/db/client';
import { contactVerifications } from '@/lib/db/schema';
import { createTestDatabase, openTestPool, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { insertCustomer, recordingTransports } from '@/lib/notices/testing';
import { OTP_RULES } from './otp';
import { ContactError } from './contact-error';
import { requestContactVerification, type RequestVerificationResult } from './request-verification';

const T0 = new Date('2026-03-10T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

/*
 * Code requests arriving at the same moment at several instances: each rate limit must let through
 * exactly the slots it has left. On PostgreSQL the "instances" are two pools of their own on one
 * database; on PGlite (one process, one connection) the same requests run side by side on one.
 */
describe.each(testDatabaseKinds())('simultaneous code requests on %s', (kind) => {
  let t: TestDatabase;
  let instances: Db[] = [];
  const pools: pg.Pool[] = [];
  let n = 0;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    if (kind === 'postgres') {
      for (let i = 0; i < 2; i++) pools.push(openTestPool(t, 10));
      instances = pools.map((pool) => drizzleFor({ kind: 'postgres', pool }));
    } else instances = [t.db, t.db];
  });
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    await t?.close();
  });

  async function customer() {
    n += 1;
    return insertCustomer(t.db, { id: `R${kind}${n}` });
  }

  /** The requests' outcomes: codes sent, refusals by the IP and the account limit, and anything else (a result or an error). */
  const tally = (results: PromiseSettledResult<RequestVerificationResult>[]) => {
    const sent = (r: PromiseSettledResult<RequestVerificationResult>) => r.status === 'fulfilled' && r.value.status === 'sent';
    const refused = (r: PromiseSettledResult<RequestVerificationResult>, code: string) => r.status === 'rejected' && r.reason instanceof ContactError && r.reason.code === code;
    return {
      sent: results.filter(sent).length,
      refusedIp: results.filter((r) => refused(r, 'rate_limited_ip')).length,
      refusedAccount: results.filter((r) => refused(r, 'rate_limited_account')).length,
      other: results.filter((r) => !sent(r) && !refused(r, 'rate_limited_ip') && !refused(r, 'rate_limited_account')),
    };
  };

  it('20 requests from one IP address for 20 accounts, half at each instance, with 5 slots left: exactly 5 codes are sent', async () => {
    const ip = `198.51.100.${kind === 'postgres' ? 1 : 2}`;
    const rec = recordingTransports();
    const left = 5;
    for (let i = 0; i < OTP_RULES.maxSendsPerIp - left; i++) {
      const { accountId, userId } = await customer();
      const r = await requestContactVerification(t.db, { accountId, channel: 'email', value: `before${i}@example.com`, actor: { userId, name: 'Customer', ip }, locale: 'en', now: at(i * 1000), transports: rec.transports });
      expect(r).toMatchObject({ status: 'sent' });
    }
    const racers = await Promise.all(Array.from({ length: 20 }, () => customer()));
    const results = await Promise.allSettled(
      racers.map(({ accountId, userId }, i) =>
        requestContactVerification(instances[i % 2], { accountId, channel: 'email', value: `race${i}@example.com`, actor: { userId, name: 'Customer', ip }, locale: 'en', now: at(MINUTE), transports: rec.transports }),
      ),
    );
    expect(tally(results)).toEqual({ sent: left, refusedIp: 20 - left, refusedAccount: 0, other: [] });
    const [rows] = await t.db.select({ n: count() }).from(contactVerifications).where(eq(contactVerifications.requestIp, ip));
    expect(rows.n).toBe(OTP_RULES.maxSendsPerIp);
  });

  it('12 requests for one account from 12 addresses, half at each instance, with 3 slots left: exactly 3 codes are sent', async () => {
    const { accountId, userId } = await customer();
    const rec = recordingTransports();
    const left = 3;
    for (let i = 0; i < OTP_RULES.maxSendsPerAccount - left; i++) {
      const r = await requestContactVerification(t.db, { accountId, channel: 'email', value: `mine${i}@example.com`, actor: { userId, name: 'Customer', ip: `203.0.113.${i}` }, locale: 'en', now: at(i * 1000), transports: rec.transports });
      expect(r).toMatchObject({ status: 'sent' });
    }
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        requestContactVerification(instances[i % 2], {
          accountId,
          channel: i % 2 ? 'email' : 'phone',
          value: i % 2 ? `race${i}@example.com` : `1390000${String(2000 + i)}`,
          actor: { userId, name: 'Customer', ip: `203.0.113.${100 + i}` },
          locale: 'en',
          now: at(MINUTE),
          transports: rec.transports,
        }),
      ),
    );
    expect(tally(results)).toEqual({ sent: left, refusedIp: 0, refusedAccount: 12 - left, other: [] });
    const [rows] = await t.db.select({ n: count() }).from(contactVerifications).where(eq(contactVerifications.accountId, accountId));
    expect(rows.n).toBe(OTP_RULES.maxSendsPerAccount);
  });
});
