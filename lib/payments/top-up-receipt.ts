import { and, eq } from 'drizzle-orm';
import { PDFDocument, PageSizes, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Db } from '@/lib/db/client';
import { customerAccounts, payments, type PaymentProviderName } from '@/lib/db/schema';
import { amountInChineseCapitals } from '@/lib/invoices/chinese-capitals';
import { INVOICE_FONT_NAME, invoiceFontBytes, pdfFontkit } from '@/lib/invoices/cjk-font';
import type { InvoiceSeller } from '@/lib/invoices/render-pdf';
import { formatCny } from '@/lib/money';
import { localPartsIn } from '@/lib/time/zoned-date';
import { refundedFenByPayment } from './refund-top-up';

/*
 * A receipt for a successful top-up: a PDF in both languages that says plainly it is not a VAT
 * invoice (a prepayment is not a taxable supply yet; invoices cover service expenses). Drawn on
 * request from the payment row (same input, same bytes), with pdf-lib and the Noto Sans SC font
 * the invoices use.
 */

const PROVIDER_LABELS: Record<PaymentProviderName, string> = {
  sandbox: '沙盒测试卡 Sandbox test card',
  stripe: '银行卡 Card (Stripe)',
  alipay: '支付宝 Alipay',
  wechatpay: '微信支付 WeChat Pay',
};

export interface ReceiptInput {
  paymentId: string;
  accountId: string;
  accountName: string;
  provider: PaymentProviderName;
  providerReference: string | null;
  amountFen: bigint;
  refundedFen: bigint;
  paidAt: Date;
  seller: InvoiceSeller;
  timeZone: string;
}

export function receiptFileName(paymentId: string): string {
  return `receipt-${paymentId}.pdf`;
}

function printedTime(at: Date, timeZone: string): string {
  const p = localPartsIn(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} (${timeZone})`;
}

/** Characters the font cannot draw (control characters) are left out rather than failing the render. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, ' ');

export async function renderReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(pdfFontkit);
  const font: PDFFont = await pdf.embedFont(await invoiceFontBytes(), { subset: true, customName: INVOICE_FONT_NAME });
  pdf.setTitle(`收据 Receipt ${input.paymentId}`);
  pdf.setSubject('Top-up receipt — not a VAT invoice 充值收据（非增值税发票）');
  pdf.setAuthor(printable(input.seller.name));
  pdf.setCreator('Account Portal');
  pdf.setProducer('Account Portal');
  pdf.setLanguage('zh-CN');
  pdf.setCreationDate(input.paidAt);
  pdf.setModificationDate(input.paidAt);

  const [width, height] = PageSizes.A5.slice().reverse() as [number, number];
  const page: PDFPage = pdf.addPage([width, height]);
  const margin = 36;
  let y = height - margin;
  const ink = rgb(0, 0, 0);
  const label = rgb(0.35, 0.35, 0.4);
  const red = rgb(0.75, 0.05, 0.05);
  const line = (text: string, size: number, color = ink, x = margin) => {
    page.drawText(printable(text), { x, y: y - size, size, font, color });
    y -= size * 1.5;
  };

  line('充值收据  Top-up receipt', 18);
  line(printable(input.seller.name), 10, label);
  y -= 4;
  page.drawRectangle({ x: margin, y: y - 30, width: width - 2 * margin, height: 30, borderColor: red, borderWidth: 1.2 });
  y -= 8;
  line('本收据不是增值税发票，不能用于抵扣或报销。  This receipt is NOT a VAT invoice (fapiao).', 9.5, red, margin + 8);
  y -= 10;

  const rows: Array<[string, string]> = [
    ['收据编号 Receipt No.', input.paymentId],
    ['付款时间 Paid at', printedTime(input.paidAt, input.timeZone)],
    ['账户 Account', `${input.accountId}  ${input.accountName}`],
    ['付款方式 Paid with', PROVIDER_LABELS[input.provider]],
    ['支付机构交易号 Provider reference', input.providerReference ?? '—'],
    ['金额 Amount', `${formatCny(input.amountFen, 'en')} CNY`],
    ['金额大写 Amount in words', amountInChineseCapitals(input.amountFen)],
  ];
  if (input.refundedFen > 0n) rows.push(['已退款 Refunded', `${formatCny(input.refundedFen, 'en')} CNY`]);
  for (const [name, value] of rows) {
    page.drawText(printable(name), { x: margin, y: y - 9, size: 9, font, color: label });
    page.drawText(printable(value), { x: margin + 190, y: y - 10, size: 10, font, color: ink });
    y -= 18;
  }
  y -= 8;
  line('此款项为预付账户余额充值。增值税发票按实际发生的服务费用开具（“发票”页面）。', 8.5, label);
  line('This is a prepayment to your account balance. VAT invoices are issued for the services used (Invoices page).', 8.5, label);
  line('账户余额不可转让，也不可提现。  The balance cannot be transferred or withdrawn as cash.', 8.5, label);
  return pdf.save({ useObjectStreams: true });
}

/** The receipt of one succeeded top-up of the account, or null (another account's, not paid, unknown). */
export async function topUpReceipt(db: Db, input: { accountId: string; paymentId: string; seller: InvoiceSeller; timeZone: string }): Promise<{ fileName: string; pdf: Uint8Array } | null> {
  const [row] = await db
    .select({ payment: payments, accountName: customerAccounts.name })
    .from(payments)
    .innerJoin(customerAccounts, eq(customerAccounts.id, payments.accountId))
    .where(and(eq(payments.id, input.paymentId), eq(payments.accountId, input.accountId), eq(payments.status, 'succeeded')));
  if (!row) return null;
  const refunded = await refundedFenByPayment(db, [row.payment.id]);
  const pdf = await renderReceiptPdf({
    paymentId: row.payment.id,
    accountId: row.payment.accountId,
    accountName: row.accountName,
    provider: row.payment.provider,
    providerReference: row.payment.providerIntentId ?? row.payment.providerPaymentId,
    amountFen: row.payment.amountFen,
    refundedFen: refunded.get(row.payment.id) ?? 0n,
    paidAt: row.payment.settledAt ?? row.payment.createdAt,
    seller: input.seller,
    timeZone: input.timeZone,
  });
  return { fileName: receiptFileName(row.payment.id), pdf };
}
