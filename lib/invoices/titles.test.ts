import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceTitles } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { seedDemoUsers } from '@/lib/demo/seed-demo-users';
import { addAccounts } from '@/lib/billing/testing';
import { seedDemoInvoiceTitles } from '@/lib/demo/invoice-titles';
import { checkInvoiceTitle, createInvoiceTitle, deleteInvoiceTitle, isSpecialInvoiceReady, listInvoiceTitles, setDefaultInvoiceTitle, updateInvoiceTitle } from './titles';

const NOW = new Date('2026-05-20T02:00:00Z');
const VALID_USCC = '91350100M000100Y43';
/** Same code with a wrong check character. */
const FAILING_USCC = '91350100M000100Y44';

const organization = (extra: Record<string, string | boolean> = {}) => ({ type: 'organization' as const, name: 'Example Ltd.', taxpayerId: VALID_USCC, ...extra });

describe('checkInvoiceTitle', () => {
  it('refuses a malformed taxpayer ID (an error, nothing to confirm)', () => {
    expect(checkInvoiceTitle(organization({ taxpayerId: '1234' }))).toEqual({ ok: false, fields: { taxpayerId: 'taxpayer_id_length' } });
    expect(checkInvoiceTitle(organization({ taxpayerId: '91350100M000100Y4!' }))).toEqual({ ok: false, fields: { taxpayerId: 'taxpayer_id_characters' } });
    expect(checkInvoiceTitle(organization({ taxpayerId: '91350100M000100I43' }))).toEqual({ ok: false, fields: { taxpayerId: 'taxpayer_id_characters' } });
    expect(checkInvoiceTitle(organization({ taxpayerId: '' }))).toEqual({ ok: false, fields: { taxpayerId: 'required' } });
  });

  it('flags a failed check character until the customer confirms it, then keeps the flag', () => {
    expect(checkInvoiceTitle(organization({ taxpayerId: FAILING_USCC }))).toEqual({ ok: false, fields: { taxpayerId: 'check_character' } });
    const confirmed = checkInvoiceTitle(organization({ taxpayerId: FAILING_USCC, confirmCheckCharacter: true }));
    expect(confirmed).toMatchObject({ ok: true, value: { taxpayerId: FAILING_USCC, taxpayerIdCheckFailed: true } });
  });

  it('accepts legacy 15–20 character IDs and normalizes spaces, full-width characters and case', () => {
    expect(checkInvoiceTitle(organization({ taxpayerId: '110108123456789' }))).toMatchObject({ ok: true, value: { taxpayerId: '110108123456789', taxpayerIdCheckFailed: false } });
    expect(checkInvoiceTitle(organization({ taxpayerId: '９１３５ 0100m000100y43' }))).toMatchObject({ ok: true, value: { taxpayerId: VALID_USCC } });
  });

  it('needs a name; an individual keeps only the name', () => {
    expect(checkInvoiceTitle({ type: 'individual', name: '   ' })).toEqual({ ok: false, fields: { name: 'required' } });
    expect(checkInvoiceTitle({ type: 'individual', name: ' 王 爱丽 ', taxpayerId: 'junk', phone: '1' })).toEqual({
      ok: true,
      value: { type: 'individual', name: '王 爱丽', taxpayerId: null, taxpayerIdCheckFailed: false, registeredAddress: null, phone: null, bankName: null, bankAccount: null },
    });
  });

  it('checks the special-invoice fields, and a special invoice needs all four', () => {
    expect(checkInvoiceTitle(organization({ phone: 'call me', bankAccount: 'IBAN?' }))).toEqual({ ok: false, fields: { phone: 'phone_format', bankAccount: 'bank_account_format' } });
    const partial = checkInvoiceTitle(organization({ registeredAddress: 'Road 1', phone: '010-1234 5678', bankName: 'ICBC' }));
    if (!partial.ok) throw new Error('refused');
    expect(isSpecialInvoiceReady(partial.value)).toBe(false);
    expect(isSpecialInvoiceReady({ ...partial.value, bankAccount: '0200 0000 0000' })).toBe(true);
    expect(isSpecialInvoiceReady({ ...partial.value, type: 'individual', bankAccount: '0200 0000 0000' })).toBe(false);
  });
});

describe.each(testDatabaseKinds())('invoice titles on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await addAccounts(t.db, 'T1', 'T2', 'T3');
  });
  afterAll(async () => t?.close());

  const defaults = async (accountId: string) => (await listInvoiceTitles(t.db, accountId)).filter((x) => x.isDefault).map((x) => x.name);

  it('keeps exactly one default: the first title, then whichever is made default, then the oldest left', async () => {
    const a = await createInvoiceTitle(t.db, { accountId: 'T1', title: { type: 'individual', name: 'A' }, now: NOW });
    const b = await createInvoiceTitle(t.db, { accountId: 'T1', title: organization({ name: 'B' }), now: NOW });
    expect(await defaults('T1')).toEqual(['A']);
    const c = await createInvoiceTitle(t.db, { accountId: 'T1', title: { type: 'individual', name: 'C', isDefault: true }, now: new Date(NOW.getTime() + 1) });
    expect(await defaults('T1')).toEqual(['C']);
    expect([a.name, b.name, c.name]).toEqual(['A', 'B', 'C']);
    await setDefaultInvoiceTitle(t.db, { accountId: 'T1', titleId: b.id, now: NOW });
    expect(await defaults('T1')).toEqual(['B']);
    await deleteInvoiceTitle(t.db, { accountId: 'T1', titleId: b.id, now: NOW });
    expect(await defaults('T1')).toEqual(['A']);
  });

  it('concurrent first titles still end with one default', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => createInvoiceTitle(t.db, { accountId: 'T2', title: { type: 'individual', name: `N${i}` }, now: NOW })));
    expect(await defaults('T2')).toHaveLength(1);
  });

  it('writes nothing on bad input, and never touches another account’s title', async () => {
    const refusal = (code: string, fieldErrors?: Record<string, string>) => ({ name: 'InvoiceError', aboutTitle: true, code, fieldErrors });
    await expect(createInvoiceTitle(t.db, { accountId: 'T3', title: organization({ taxpayerId: FAILING_USCC }), now: NOW })).rejects.toMatchObject(
      refusal('check_character', { taxpayerId: 'check_character' }),
    );
    await expect(createInvoiceTitle(t.db, { accountId: 'T3', title: organization({ name: ' ', taxpayerId: FAILING_USCC }), now: NOW })).rejects.toMatchObject(
      refusal('invalid', { name: 'required', taxpayerId: 'check_character' }),
    );
    expect(await listInvoiceTitles(t.db, 'T3')).toEqual([]);
    const [foreign] = await listInvoiceTitles(t.db, 'T1');
    await expect(updateInvoiceTitle(t.db, { accountId: 'T3', titleId: foreign.id, title: { type: 'individual', name: 'Hijack' }, now: NOW })).rejects.toMatchObject(refusal('not_found'));
    await expect(setDefaultInvoiceTitle(t.db, { accountId: 'T3', titleId: foreign.id, now: NOW })).rejects.toMatchObject(refusal('not_found'));
    await expect(deleteInvoiceTitle(t.db, { accountId: 'T3', titleId: foreign.id, now: NOW })).rejects.toMatchObject(refusal('not_found'));
    expect((await listInvoiceTitles(t.db, 'T1')).map((x) => x.name)).toContain(foreign.name);
    expect((await listInvoiceTitles(t.db, 'T1')).find((x) => x.id === foreign.id)?.isDefault).toBe(foreign.isDefault);
  });

  it('seeds the demo titles once: bob’s organization ready for special invoices, alice’s own name', async () => {
    await seedDemoUsers(t.db, NOW);
    await seedDemoInvoiceTitles(t.db, NOW);
    await seedDemoInvoiceTitles(t.db, NOW);
    const bob = await listInvoiceTitles(t.db, 'A100000002');
    const alice = await listInvoiceTitles(t.db, 'A100000001');
    expect(bob).toHaveLength(2);
    expect(bob[0]).toMatchObject({ type: 'organization', isDefault: true, taxpayerId: '91110105MA00EXMP8L', taxpayerIdCheckFailed: false });
    expect(isSpecialInvoiceReady(bob[0])).toBe(true);
    expect(alice).toMatchObject([{ type: 'individual', isDefault: true, name: 'Alice Wang 王爱丽' }]);
    // A customer who deleted the seeded title does not get it back at the next start.
    await t.db.delete(invoiceTitles).where(eq(invoiceTitles.accountId, 'A100000001'));
    await createInvoiceTitle(t.db, { accountId: 'A100000001', title: { type: 'individual', name: 'Mine' }, now: NOW });
    await seedDemoInvoiceTitles(t.db, NOW);
    expect((await listInvoiceTitles(t.db, 'A100000001')).map((x) => x.name)).toEqual(['Mine']);
  });
});
