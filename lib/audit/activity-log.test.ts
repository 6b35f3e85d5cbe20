import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { getAccountActivity } from './activity-log';
import { recordActivity, type ActivityInput } from './record-activity';

const now = new Date('2026-11-26T08:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const account = 'A900000010';
const sam = '00000000-0000-4000-8000-000000000001';

describe.each(testDatabaseKinds())('the activity page’s records on %s', (kind) => {
  let t: TestDatabase;
  const add = (input: Partial<ActivityInput> & { kind: string; at: Date }) => recordActivity(t.db, { accountId: account, actorUserId: null, ...input });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await add({ kind: 'sign_in', at: at(-200 * 24 * 60), actorUserId: sam, details: { provider: 'demo' } }); // past the 180-day retention: not shown
    await add({ kind: 'sign_in', at: at(-60), ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36', details: { provider: 'demo' } });
    await add({ kind: 'contact_verified', at: at(-50), actorName: 'Alice', details: { channel: 'email' } });
    const support = { actorUserId: sam, actorName: 'Sam Support', impersonation: true };
    const first = at(-40).toISOString();
    await add({ ...support, kind: 'impersonation_start', at: at(-40), details: { reason: 'T-1', startedAt: first } });
    await add({ ...support, kind: 'impersonated_page_view', at: at(-39), details: { path: '/', reason: 'T-1', startedAt: first } });
    await add({ ...support, kind: 'impersonated_page_view', at: at(-38), details: { path: '/charges', reason: 'T-1', startedAt: first } });
    await add({ ...support, kind: 'impersonated_action_refused', at: at(-37), details: { action: 'top_up', reason: 'T-1', startedAt: first } });
    await add({ ...support, kind: 'impersonation_end', at: at(-35), details: { reason: 'T-1', startedAt: first, endedBy: 'ended' } });
    const second = at(-10).toISOString();
    await add({ ...support, kind: 'impersonation_start', at: at(-10), details: { reason: 'T-2', startedAt: second } });
    // A record written before page views named their session goes to the latest start before it.
    await add({ ...support, kind: 'impersonated_page_view', at: at(-9), details: { path: '/activity', reason: 'T-2' } });
    await add({ kind: 'sign_in', at: at(-5), accountId: 'A900000011', details: { provider: 'demo' } }); // another account
  });
  afterAll(async () => t?.close());

  it('lists sign-ins and sensitive actions of the account within the retention period (180 days), newest first', async () => {
    const activity = await getAccountActivity(t.db, { accountId: account, now });
    expect(activity.signIns).toHaveLength(1);
    expect(activity.signIns[0]).toMatchObject({ ip: '203.0.113.9', provider: 'demo' });
    expect(activity.actions.map((a) => a.kind)).toEqual(['contact_verified']);
    expect(activity.truncated).toBe(false);
  });

  it('groups each support session’s page views and refused actions under its start, with who, when and why', async () => {
    const { supportAccesses } = await getAccountActivity(t.db, { accountId: account, now });
    expect(supportAccesses).toHaveLength(2);
    const [open, closed] = supportAccesses;
    expect(open).toMatchObject({ staffName: 'Sam Support', reason: 'T-2', endedAt: null });
    expect(open.pages.map((p) => p.path)).toEqual(['/activity']);
    expect(closed).toMatchObject({ staffName: 'Sam Support', reason: 'T-1', endedBy: 'ended' });
    expect(closed.startedAt.toISOString()).toBe(at(-40).toISOString());
    expect(closed.endedAt?.toISOString()).toBe(at(-35).toISOString());
    expect(closed.pages.map((p) => p.path)).toEqual(['/', '/charges']);
    expect(closed.actions).toEqual([{ at: at(-37), action: 'top_up', refused: true }]);
  });

  it('says when it shows only the newest records', async () => {
    const activity = await getAccountActivity(t.db, { accountId: account, now, limit: 3 });
    expect(activity.truncated).toBe(true);
  });
});
