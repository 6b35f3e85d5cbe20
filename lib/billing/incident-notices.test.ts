import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAnnouncements, publishAnnouncement } from '@/lib/announcements/announcements';
import { accountContacts, noticeDeliveries, notices } from '@/lib/db/schema';
import { testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { renderNotice } from '@/lib/notices/render-notice';
import { insertCustomer } from '@/lib/notices/testing';
import { incidentOutageMinutes } from './incident-notices';
import { ongoingOutagesFor, readServiceStatus } from './incident-status';
import { recordIncident } from './record-incident';
import { createBillingTestDatabase, reportUsage, TZ } from './testing';

const at = (local: string) => new Date(`${local}+08:00`);

describe('minutes announced on resolution', () => {
  it('are the usual rule: per service day, partial minutes as whole ones, split at midnight', () => {
    expect(incidentOutageMinutes(at('2026-03-09T10:00:00'), at('2026-03-09T11:00:00'), TZ)).toBe(60);
    expect(incidentOutageMinutes(at('2026-03-09T10:00:00'), at('2026-03-09T10:00:01'), TZ)).toBe(1);
    // 23:59:30 → 00:00:30: 30 s on each day, each a whole minute.
    expect(incidentOutageMinutes(at('2026-03-09T23:59:30'), at('2026-03-10T00:00:30'), TZ)).toBe(2);
  });
});

describe.each(testDatabaseKinds())('incident notices, banner and status on %s', (kind) => {
  let t: TestDatabase;
  const ctx = (now: Date) => ({ now, timeZone: TZ });
  const noticesOf = (accountId: string, noticeKind: string) =>
    t.db.select().from(notices).where(and(eq(notices.accountId, accountId), eq(notices.kind, noticeKind)));

  beforeAll(async () => {
    t = await createBillingTestDatabase(kind);
    await insertCustomer(t.db, { id: 'N1', locale: 'zh-CN' });
    await insertCustomer(t.db, { id: 'N2' });
    await insertCustomer(t.db, { id: 'N3' });
    await t.db.insert(accountContacts).values({ accountId: 'N1', email: 'n1@demo.test', emailVerifiedAt: at('2026-03-01T00:00:00'), phone: '+8613800000001', phoneVerifiedAt: at('2026-03-01T00:00:00') });
    // N1 and N2 used compute recently; N3 never did.
    await reportUsage(t.db, at('2026-03-09T09:00:00'), [
      { id: 'u1', account: 'N1', service: 'compute', quantity: '1', occurredAt: '2026-03-09T08:00:00+08:00' },
      { id: 'u2', account: 'N2', service: 'compute', quantity: '1', occurredAt: '2026-03-09T08:00:00+08:00' },
    ]);
  });
  afterAll(async () => t?.close());

  it('a start notice goes at once to every account that used the service (notice centre, email and SMS), in its language, with the title', async () => {
    const result = await recordIncident(
      t.db,
      { id: 'db-1', service: 'compute', startedAt: '2026-03-09T10:00:00+08:00', title: { en: 'Region A compute down', zh: 'A 区计算服务中断' } },
      ctx(at('2026-03-09T10:01:00')),
    );
    expect(result).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    const [n1] = await noticesOf('N1', 'incident_started');
    expect(renderNotice(n1.kind, n1.params, 'zh-CN')).toEqual({
      title: '服务中断：A 区计算服务中断',
      body: expect.stringContaining('计算自 2026-03-09 10:00 (Asia/Shanghai) 起不可用'),
    });
    expect(renderNotice(n1.kind, n1.params, 'en').title).toBe('Outage: Region A compute down');
    const deliveries = await t.db.select().from(noticeDeliveries).where(eq(noticeDeliveries.noticeId, n1.id));
    expect(deliveries.map((d) => [d.channel, d.locale]).sort()).toEqual([
      ['email', 'zh-CN'],
      ['sms', 'zh-CN'],
    ]);
    expect(await noticesOf('N2', 'incident_started')).toHaveLength(1);
    expect(await noticesOf('N3', 'incident_started')).toEqual([]);
  });

  it('the banner shows the ongoing incident to affected accounts only; /status shows it as investigating', async () => {
    expect((await ongoingOutagesFor(t.db, 'N1', ctx(at('2026-03-09T10:30:00')))).map((o) => [o.id, o.titleEn])).toEqual([['db-1', 'Region A compute down']]);
    expect(await ongoingOutagesFor(t.db, 'N3', ctx(at('2026-03-09T10:30:00')))).toEqual([]);
    const status = await readServiceStatus(t.db, ctx(at('2026-03-09T10:30:00')));
    expect(status.services.find((s) => s.id === 'compute')?.incidents).toEqual([
      expect.objectContaining({ id: 'db-1', status: 'investigating', endedAt: null, minutes: null, scope: 'all', titleZh: 'A 区计算服务中断' }),
    ]);
    expect(status.services.find((s) => s.id === 'storage')?.incidents).toEqual([]);
  });

  it('resolution: the banner goes, /status shows the minutes, and each account is told the minutes once', async () => {
    const resolve = { id: 'db-1', service: 'compute', startedAt: '2026-03-09T10:00:00+08:00', endedAt: '2026-03-09T11:30:20+08:00' };
    expect(await recordIncident(t.db, resolve, ctx(at('2026-03-09T11:31:00')))).toEqual({ ok: true, accepted: 1, duplicates: 0 });
    expect(await recordIncident(t.db, resolve, ctx(at('2026-03-09T11:32:00')))).toEqual({ ok: true, accepted: 0, duplicates: 1 });
    expect(await ongoingOutagesFor(t.db, 'N1', ctx(at('2026-03-09T11:33:00')))).toEqual([]);
    const resolved = await noticesOf('N2', 'incident_resolved');
    expect(resolved).toHaveLength(1);
    expect(renderNotice(resolved[0].kind, resolved[0].params, 'en').body).toContain('91 minutes of Compute will be credited');
    expect(await noticesOf('N1', 'incident_started')).toHaveLength(1);
    const status = await readServiceStatus(t.db, ctx(at('2026-03-09T12:00:00')));
    expect(status.services.find((s) => s.id === 'compute')?.incidents[0]).toMatchObject({ status: 'resolved', minutes: 91 });
    // 90 days later it has left the status page.
    expect((await readServiceStatus(t.db, ctx(at('2026-06-08T12:00:00')))).services.find((s) => s.id === 'compute')?.incidents).toEqual([]);
  });

  it('an incident posted already ended sends only the resolution notice, to the accounts it names', async () => {
    await recordIncident(t.db, { id: 'db-2', service: 'storage', startedAt: '2026-03-09T12:00:00+08:00', endedAt: '2026-03-09T12:10:00+08:00', accounts: ['N3'] }, ctx(at('2026-03-09T12:20:00')));
    expect((await t.db.select().from(notices).where(eq(notices.kind, 'incident_started'))).map((n) => n.params.incident)).not.toContain('db-2');
    expect((await noticesOf('N3', 'incident_resolved')).map((n) => n.params.minutes)).toEqual([10]);
  });

  it("an announcement reaches every customer's notice centre once and is listed publicly in both languages", async () => {
    const { noticesCreated } = await publishAnnouncement(t.db, {
      titleEn: 'Maintenance window',
      titleZh: '维护窗口',
      bodyEn: 'On Sunday.',
      bodyZh: '周日。',
      actor: null,
      now: at('2026-03-10T09:00:00'),
    });
    expect(noticesCreated).toBe(3);
    const [n1] = await noticesOf('N1', 'announcement');
    expect(renderNotice(n1.kind, n1.params, 'zh-CN')).toEqual({ title: '维护窗口', body: '周日。' });
    expect(renderNotice(n1.kind, n1.params, 'en')).toEqual({ title: 'Maintenance window', body: 'On Sunday.' });
    expect(await listAnnouncements(t.db)).toEqual([expect.objectContaining({ kind: 'announcement', titleEn: 'Maintenance window', titleZh: '维护窗口' })]);
  });
});
