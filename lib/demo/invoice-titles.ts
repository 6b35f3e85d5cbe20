import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { customerAccounts, invoiceTitles } from '@/lib/db/schema';
import { demoPeople } from './seed-demo-users';
import { InvoiceError } from '@/lib/invoices/invoice-error';
import { createInvoiceTitle, type InvoiceTitleInput } from '@/lib/invoices/titles';

/**
 * Demo invoice titles (CONTRACT.md: bob has saved invoice titles): bob's organization with a
 * valid unified social credit code and the special-invoice fields, alice's own name. Idempotent:
 * an account that has any title already is left alone, so the customer's own edits survive.
 */
const DEMO_TITLES: Record<string, InvoiceTitleInput[]> = {
  bob: [
    {
      type: 'organization',
      name: '示例科技有限公司 Example Tech Ltd.',
      taxpayerId: '91110105MA00EXMP8L',
      registeredAddress: '北京市朝阳区示例大街 8 号 No. 8 Example Street, Chaoyang, Beijing',
      phone: '010-6555 0123',
      bankName: '中国工商银行北京朝阳支行 ICBC Beijing Chaoyang',
      bankAccount: '0200 0012 3456 7890 123',
      isDefault: true,
    },
    { type: 'individual', name: 'Bob Li 李博' },
  ],
  alice: [{ type: 'individual', name: 'Alice Wang 王爱丽', isDefault: true }],
};

export async function seedDemoInvoiceTitles(db: Db, now: Date): Promise<void> {
  for (const [username, titles] of Object.entries(DEMO_TITLES)) {
    const person = demoPeople.find((p) => p.username === username);
    if (!person) continue;
    const [account] = await db.select({ id: customerAccounts.id }).from(customerAccounts).where(eq(customerAccounts.id, person.accountId));
    if (!account) continue;
    const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(invoiceTitles).where(eq(invoiceTitles.accountId, account.id));
    if (count > 0) continue;
    for (const title of titles) {
      try {
        await createInvoiceTitle(db, { accountId: account.id, title, now });
      } catch (error) {
        const refusal = error instanceof InvoiceError ? `${error.code} ${JSON.stringify(error.fieldErrors ?? {})}` : String(error);
        throw new Error(`demo invoice title for ${username} refused: ${refusal}`, { cause: error });
      }
    }
  }
}
