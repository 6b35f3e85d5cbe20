import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { hasBusinessTaxCharges } from './business-tax-statement';
import { listAccountInvoices, type InvoiceSummary } from './invoice-queries';
import { invoiceableByMonth, type InvoiceableMonth } from './invoiceable-charges';
import { isSpecialInvoiceReady, listInvoiceTitles, type InvoiceTitle } from './titles';

/** An invoice title as the page's title manager shows it; `specialReady`: complete enough for a special VAT invoice. */
export type InvoiceTitleView = Pick<
  InvoiceTitle,
  'id' | 'type' | 'name' | 'taxpayerId' | 'taxpayerIdCheckFailed' | 'registeredAddress' | 'phone' | 'bankName' | 'bankAccount' | 'isDefault'
> & { specialReady: boolean };

/** Everything the invoices page shows, for one account. */
export interface InvoicesPageView {
  months: InvoiceableMonth[];
  titles: InvoiceTitleView[];
  invoices: InvoiceSummary[];
  /** The account has business-tax charges: the page links to their statement. */
  businessTax: boolean;
  /** Support viewing as the customer: nothing can be requested or changed. */
  readOnly: boolean;
}

export function invoiceTitleView(title: InvoiceTitle): InvoiceTitleView {
  return {
    id: title.id,
    type: title.type,
    name: title.name,
    taxpayerId: title.taxpayerId,
    taxpayerIdCheckFailed: title.taxpayerIdCheckFailed,
    registeredAddress: title.registeredAddress,
    phone: title.phone,
    bankName: title.bankName,
    bankAccount: title.bankAccount,
    isDefault: title.isDefault,
    specialReady: isSpecialInvoiceReady(title),
  };
}

/** The invoices page. One connection on the embedded database: the reads run one after another there anyway. */
export async function loadInvoicesPage(db: Db, viewer: Pick<Viewer, 'accountId' | 'impersonation'>): Promise<InvoicesPageView> {
  const [months, titles, invoices, businessTax] = await Promise.all([
    invoiceableByMonth(db, viewer.accountId),
    listInvoiceTitles(db, viewer.accountId),
    listAccountInvoices(db, viewer.accountId),
    hasBusinessTaxCharges(db, viewer.accountId),
  ]);
  return { months, titles: titles.map(invoiceTitleView), invoices, businessTax, readOnly: Boolean(viewer.impersonation) };
}
