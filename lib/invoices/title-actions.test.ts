import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { setProcessConnection } from '@/lib/db/client';
import { customerAccounts, invoiceTitles } from '@/lib/db/schema';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { actAs, openTestSession } from '@/lib/auth/testing';
import { TITLE_LIMITS } from './titles';

/*
 * The title actions as the customer's form reads them, in both languages: the title rules throw
 * their refusals (InvoiceError) and the actions answer with the code, the message and the message
 * of each field in the viewer's language, as they did when the rules returned a result.
 */

const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'zh-CN' }));

vi.mock('next/headers', async () => (await import('@/lib/auth/testing')).mockedHeaders({ pathname: '/invoices', ip: '192.0.2.10' }));

vi.mock('next-intl/server', async () => {
  const { createTranslator, createFormatter } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale: locale.current, messages: loadMessages(locale.current), namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: locale.current, timeZone: 'Asia/Shanghai' }),
    getLocale: async () => locale.current,
  };
});

vi.mock('@/lib/auth/viewer', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/auth/viewer')>()), getViewer: vi.fn() }));

const { saveInvoiceTitle, deleteInvoiceTitleAction, makeDefaultInvoiceTitle } = await import('./actions');
const { createTranslator } = await import('next-intl');
const { loadMessages } = await import('@/lib/i18n/messages');

const VALID_USCC = '91350100M000100Y43';
/** Same code with a wrong check character. */
const FAILING_USCC = '91350100M000100Y44';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe.each(testDatabaseKinds())('invoice title actions on %s', (kind) => {
  let t: TestDatabase;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    setProcessConnection(t.raw);
    const now = new Date();
    const c = await createUserWithAccount(t.db, { email: 'titles@example.test', name: 'Title Customer', now });
    await t.db.update(customerAccounts).set({ declaredAt: now, residence: 'CN' }).where(eq(customerAccounts.id, c.accountId));
    accountId = c.accountId;
    await actAs(t.db, await openTestSession(t.db, c.id));
  });
  afterAll(async () => t?.close());

  const titlesOf = async () => t.db.select().from(invoiceTitles).where(eq(invoiceTitles.accountId, accountId));

  describe.each(['en', 'zh-CN'] as const)('in %s', (language) => {
    const tr = createTranslator({ locale: language, messages: loadMessages(language), namespace: 'invoices.titles' }) as unknown as (key: string) => string;
    const organization = { type: 'organization' as const, name: 'Example Ltd.', taxpayerId: VALID_USCC };

    it('saves, makes default and deletes with the message of each', async () => {
      locale.current = language;
      const first = await saveInvoiceTitle({ ...organization, name: `First ${language}` });
      expect(first).toMatchObject({ ok: true, data: { message: tr('saved') } });
      const second = await saveInvoiceTitle({ type: 'individual', name: `Second ${language}` });
      if (!second.ok || !first.ok) throw new Error('refused');
      expect(await saveInvoiceTitle({ id: second.data.id, type: 'individual', name: `Second ${language} renamed` })).toMatchObject({ ok: true, data: { id: second.data.id, message: tr('saved') } });
      expect(await makeDefaultInvoiceTitle({ id: second.data.id })).toEqual({ ok: true, data: { message: tr('madeDefault') } });
      expect((await titlesOf()).find((x) => x.id === second.data.id)).toMatchObject({ isDefault: true, name: `Second ${language} renamed` });
      expect(await deleteInvoiceTitleAction({ id: second.data.id })).toEqual({ ok: true, data: { message: tr('deleted') } });
      expect(await deleteInvoiceTitleAction({ id: first.data.id })).toEqual({ ok: true, data: { message: tr('deleted') } });
      expect(await titlesOf()).toEqual([]);
    });

    it('asks to confirm a failed check character alone, with the question next to the taxpayer ID', async () => {
      locale.current = language;
      const question = tr('problems.check_character');
      expect(await saveInvoiceTitle({ ...organization, taxpayerId: FAILING_USCC })).toEqual({
        ok: false,
        error: { code: 'check_character', message: question, fieldErrors: { taxpayerId: question } },
      });
      expect(await titlesOf()).toEqual([]);
    });

    it('names every field with a problem, in the viewer’s language', async () => {
      locale.current = language;
      expect(await saveInvoiceTitle({ ...organization, name: ' ', taxpayerId: FAILING_USCC, phone: 'call me', bankAccount: 'IBAN?' })).toEqual({
        ok: false,
        error: {
          code: 'invalid',
          message: tr('invalid'),
          fieldErrors: { name: tr('problems.required'), taxpayerId: tr('problems.check_character'), phone: tr('problems.phone_format'), bankAccount: tr('problems.bank_account_format') },
        },
      });
      expect(await titlesOf()).toEqual([]);
    });

    it('says a title that is not the account’s no longer exists, for every change', async () => {
      locale.current = language;
      const gone = { ok: false, error: { code: 'not_found', message: tr('errors.not_found') } };
      expect(await saveInvoiceTitle({ id: MISSING_ID, type: 'individual', name: 'Ghost' })).toEqual(gone);
      expect(await makeDefaultInvoiceTitle({ id: MISSING_ID })).toEqual(gone);
      expect(await deleteInvoiceTitleAction({ id: MISSING_ID })).toEqual(gone);
    });

    it('refuses a title past the limit with the limit’s message', async () => {
      locale.current = language;
      for (let i = 0; i < TITLE_LIMITS.titlesPerAccount; i++) {
        expect(await saveInvoiceTitle({ type: 'individual', name: `N${i}` })).toMatchObject({ ok: true });
      }
      expect(await saveInvoiceTitle({ type: 'individual', name: 'One too many' })).toEqual({ ok: false, error: { code: 'too_many', message: tr('errors.too_many') } });
      expect(await titlesOf()).toHaveLength(TITLE_LIMITS.titlesPerAccount);
      await t.db.delete(invoiceTitles).where(eq(invoiceTitles.accountId, accountId));
    });
  });

  it('says the messages in English as the form has always shown them', async () => {
    locale.current = 'en';
    expect(await deleteInvoiceTitleAction({ id: MISSING_ID })).toEqual({ ok: false, error: { code: 'not_found', message: 'That invoice title no longer exists.' } });
  });
});
