import { PDFDocument, rgb, type Color } from 'pdf-lib';
import { localDateTime } from '@/lib/charges/history-csv';
import type { WalletMovement } from '@/lib/charges/wallet-history';
import enCharges from '@/lib/i18n/messages/en/charges.json';
import zhCharges from '@/lib/i18n/messages/zh-CN/charges.json';
import { INVOICE_FONT_NAME, invoiceFontBytes, pdfFontkit } from '@/lib/invoices/cjk-font';
import { taxRatePercent } from '@/lib/invoices/invoice-document';
import { formatCny } from '@/lib/money';
import { CONTENT_WIDTH as WIDTH, MARGIN, PDF_PRODUCER as PRODUCER, PdfLayout, printable } from '@/lib/pdf/layout';
import type { MonthlyStatement } from './monthly-statement';

/**
 * The monthly statement as a PDF, in both languages (Chinese first, as on invoices): the account,
 * the month, the opening balance, one row per movement with the balance after it, the closing
 * balance, and the VAT of the month by rate. Not a VAT invoice (it says so). Rendered on demand: a
 * month that has ended always reads the same, and the same input gives the same bytes.
 */

const PAD = 4;
const SIZE = { title: 16, heading: 10, body: 8.5, label: 7.5 } as const;
const LINE = SIZE.body * 1.4;
const INK = rgb(0, 0, 0);
const LABEL = rgb(0.2, 0.25, 0.4);
const RULE = rgb(0.55, 0.6, 0.7);
const SHADE = rgb(0.93, 0.95, 0.98);

const money = (fen: bigint) => formatCny(fen, 'en');

type Kind = keyof typeof enCharges.kinds;
const kindLabel = (kind: string) => (kind in enCharges.kinds ? `${zhCharges.kinds[kind as Kind]} ${enCharges.kinds[kind as Kind]}` : kind);
const serviceLabel = (id: string) => {
  const en = (enCharges.services as Record<string, string>)[id];
  const zh = (zhCharges.services as Record<string, string>)[id];
  return en && zh ? `${zh} ${en}` : id;
};
const taxLabel = (kind: string, rate: string) => `${kind === 'vat' ? '增值税 VAT' : '营业税 Business tax'} ${taxRatePercent(rate)}`;

interface Column {
  label: string;
  width: number;
  align: 'left' | 'right';
}

class Layout extends PdfLayout {
  rule(y: number): void {
    this.page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + WIDTH, y }, color: RULE, thickness: 0.6 });
  }
  /** Cuts text to the column (with an ellipsis) rather than overflowing into the next one. */
  fit(text: string, size: number, width: number): string {
    if (this.width(text, size) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.width(`${cut}…`, size) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  }
  header(columns: readonly Column[]): void {
    const height = LINE + 6;
    this.ensure(height + LINE);
    this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: WIDTH, height, color: SHADE });
    this.row(columns, columns.map((c) => c.label), SIZE.label, LABEL);
  }
  row(columns: readonly Column[], cells: string[], size: number = SIZE.body, color: Color = INK): void {
    const height = LINE + 6;
    this.ensure(height);
    const baseline = this.y - 3 - size - (LINE - size) / 2;
    let x = MARGIN;
    columns.forEach((column, i) => {
      const cell = this.fit(printable(cells[i] ?? ''), size, column.width - 2 * PAD);
      if (column.align === 'right') this.textRight(cell, x + column.width - PAD, baseline, size, color);
      else this.text(cell, x + PAD, baseline, size, color);
      x += column.width;
    });
    this.y -= height;
  }
}

const MOVEMENT_COLUMNS: readonly Column[] = [
  { label: '记账时间 Posted', width: 92, align: 'left' },
  { label: '类型 Type', width: 120, align: 'left' },
  { label: '说明 Details', width: WIDTH - 92 - 120 - 80 - 85, align: 'left' },
  { label: '金额 Amount', width: 80, align: 'right' },
  { label: '余额 Balance', width: 85, align: 'right' },
];

const VAT_COLUMNS: readonly Column[] = [
  { label: '税种及税率 Tax and rate', width: WIDTH - 3 * 100, align: 'left' },
  { label: '金额 Net', width: 100, align: 'right' },
  { label: '税额 Tax', width: 100, align: 'right' },
  { label: '价税合计 Gross', width: 100, align: 'right' },
];

function details(m: WalletMovement): string {
  if (m.line) return `${serviceLabel(m.line.serviceId)} ${m.line.serviceDay}`;
  if (m.penalty) return m.penalty.serviceDay ?? '';
  return m.reference ?? '';
}

export async function renderStatementPdf(statement: MonthlyStatement): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(pdfFontkit);
  const font = await pdf.embedFont(await invoiceFontBytes(), { subset: true, customName: INVOICE_FONT_NAME });
  const { month } = statement.range;
  pdf.setTitle(`对账单 Statement ${month} ${statement.accountId}`);
  pdf.setCreator(PRODUCER);
  pdf.setProducer(PRODUCER);
  pdf.setLanguage('zh-CN');
  const fixed = new Date(`${statement.range.to}T00:00:00Z`);
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);

  const layout = new Layout(pdf, font);
  layout.addPage();
  layout.y -= SIZE.title;
  layout.text(`账户对账单 Account statement ${month}`, MARGIN, layout.y, SIZE.title, LABEL);
  layout.y -= LINE + 6;
  const meta: [string, string][] = [
    ['账户 Account', `${printable(statement.accountName)} (${statement.accountId})`],
    ['期间 Period', `${statement.range.from} – ${statement.range.to} (${statement.timeZone})`],
    ['币种 Currency', 'CNY'],
  ];
  for (const [label, value] of meta) {
    layout.text(label, MARGIN, layout.y, SIZE.label, LABEL);
    layout.text(value, MARGIN + 90, layout.y, SIZE.body);
    layout.y -= LINE;
  }
  layout.text('本对账单不是增值税发票。 This statement is not a VAT invoice.', MARGIN, layout.y, SIZE.label, LABEL);
  layout.y -= LINE + 8;

  const summary = (label: string, fen: bigint) => {
    layout.ensure(LINE + 4);
    layout.text(label, MARGIN, layout.y, SIZE.heading, LABEL);
    layout.textRight(money(fen), MARGIN + WIDTH, layout.y, SIZE.heading);
    layout.y -= LINE + 4;
  };
  summary('期初余额 Opening balance', statement.openingFen);

  layout.text('收支明细 Movements', MARGIN, layout.y - SIZE.heading, SIZE.heading, LABEL);
  layout.y -= LINE + 6;
  layout.header(MOVEMENT_COLUMNS);
  layout.continuation = () => {
    layout.text(`对账单 Statement ${month}（续 continued）`, MARGIN, layout.y - SIZE.body, SIZE.body, LABEL);
    layout.y -= LINE + 8;
    layout.header(MOVEMENT_COLUMNS);
  };
  if (statement.movements.length === 0) layout.row(MOVEMENT_COLUMNS, ['', '本月无收支 No movements this month', '', '', '']);
  for (const m of statement.movements) {
    layout.row(MOVEMENT_COLUMNS, [localDateTime(m.effectiveAt, statement.timeZone).slice(0, 16), kindLabel(m.kind), details(m), money(m.amountFen), money(m.balanceAfterFen)]);
  }
  layout.rule(layout.y);
  layout.y -= 10;
  layout.continuation = () => {};
  summary('期末余额 Closing balance', statement.closingFen);
  layout.y -= 6;

  layout.ensure(4 * (LINE + 6));
  layout.text('按税率汇总 VAT by rate', MARGIN, layout.y - SIZE.heading, SIZE.heading, LABEL);
  layout.y -= LINE + 6;
  layout.header(VAT_COLUMNS);
  if (statement.vatByRate.length === 0) layout.row(VAT_COLUMNS, ['本月无应税项目 Nothing taxable this month', '', '', '']);
  for (const r of statement.vatByRate) layout.row(VAT_COLUMNS, [taxLabel(r.taxKind, r.taxRate), money(r.netFen), money(r.taxFen), money(r.grossFen)]);
  layout.rule(layout.y);
  layout.row(VAT_COLUMNS, ['合计 Total', money(statement.totals.netFen), money(statement.totals.taxFen), money(statement.totals.grossFen)]);

  const count = layout.pages.length;
  layout.pages.forEach((page, i) => {
    layout.page = page;
    layout.rule(MARGIN + 2);
    layout.text(`${statement.accountId} · ${month}`, MARGIN, MARGIN - 14, SIZE.label, LABEL);
    layout.textRight(`第 ${i + 1} 页 / 共 ${count} 页  Page ${i + 1} of ${count}`, MARGIN + WIDTH, MARGIN - 14, SIZE.label, LABEL);
  });
  return pdf.save({ useObjectStreams: false });
}

export function statementFileName(accountId: string, month: string): string {
  return `statement-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}-${month}.pdf`;
}
