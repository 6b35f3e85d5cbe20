import { PDFDocument, rgb, type Color } from 'pdf-lib';
import { CONTENT_WIDTH, MARGIN, PAGE_WIDTH, PDF_PRODUCER, PdfLayout, printable } from '@/lib/pdf/layout';
import { formatCny } from '@/lib/money';
import { calendarDateIn } from '@/lib/time/zoned-date';
import { INVOICE_FONT_NAME, invoiceFontBytes, pdfFontkit } from './cjk-font';
import { taxRatePercent, type InvoiceDocument } from './invoice-document';
import { DEFAULT_BILLING_TIME_ZONE } from '@/lib/billing/rules';

/**
 * The invoice as a PDF: bilingual labels, seller and buyer, one table row per service and tax
 * rate, subtotals per rate, totals and the total in Chinese capitals. Rendered once when the
 * invoice is issued and stored; the same input always gives the same bytes (fixed dates,
 * producer and font name), so a re-render can be compared with the stored file.
 */

export interface InvoiceSeller {
  name: string;
  taxId: string;
  address: string;
  /** Bank name and account number as printed (开户行及账号). */
  bank: string;
}

export interface InvoiceBuyer {
  name: string;
  taxpayerId?: string;
  address?: string;
  phone?: string;
  bank?: string;
  account?: string;
}

export interface InvoicePdfInput extends InvoiceDocument {
  number: string;
  issuedAt: Date;
  seller: InvoiceSeller;
  buyer: InvoiceBuyer;
  kind: 'general' | 'special';
  /** Set on a credit note (red invoice): the number of the invoice it reverses. */
  creditNoteOf?: string;
  /** Zone of the printed issue date; the billing time zone. */
  timeZone?: string;
}


/** Amounts print as ¥1,234.56 / -¥106.00 whatever the viewer's language: the PDF is one frozen document. */
const formatCnyFen = (fen: bigint) => formatCny(fen, 'en');
const CELL_PADDING = 4;

const INK = rgb(0, 0, 0);
const LABEL = rgb(0.45, 0.22, 0.1);
const RULE = rgb(0.62, 0.42, 0.3);
const SHADE = rgb(0.98, 0.95, 0.91);
const RED = rgb(0.8, 0.05, 0.05);

const SIZE = { title: 18, subtitle: 10, heading: 10, body: 9, label: 7.5, capitals: 11 } as const;
const LEADING = 1.35;

interface Column {
  zh: string;
  en: string;
  width: number;
  align: 'left' | 'right';
}

const NUMBER_COLUMNS: readonly Column[] = [
  { zh: '税率', en: 'Tax rate', width: 52, align: 'right' },
  { zh: '金额', en: 'Net amount', width: 95, align: 'right' },
  { zh: '税额', en: 'VAT', width: 85, align: 'right' },
  { zh: '价税合计', en: 'Total incl. VAT', width: 95, align: 'right' },
];
const COLUMNS: readonly Column[] = [
  {
    zh: '项目名称',
    en: 'Service',
    width: CONTENT_WIDTH - NUMBER_COLUMNS.reduce((sum, column) => sum + column.width, 0),
    align: 'left',
  },
  ...NUMBER_COLUMNS,
];

class InvoiceLayout extends PdfLayout {
  textCentered(text: string, centre: number, baseline: number, size: number, color: Color = INK): void {
    this.text(text, centre - this.width(text, size) / 2, baseline, size, color);
  }

  rule(x1: number, y1: number, x2: number, y2: number, color: Color = RULE, thickness = 0.6): void {
    this.page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, color, thickness });
  }

  box(x: number, top: number, width: number, height: number, options: { fill?: Color; border?: Color } = {}): void {
    this.page.drawRectangle({
      x,
      y: top - height,
      width,
      height,
      color: options.fill,
      borderColor: options.border ?? RULE,
      borderWidth: options.border === undefined && options.fill !== undefined ? 0 : 0.6,
    });
  }

  /**
   * Greedy line breaking by width: Chinese breaks between any two characters; a Latin word is
   * kept whole when the line has an earlier space to break at.
   */
  wrap(text: string, size: number, maxWidth: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const character of printable(text)) {
      const candidate = line + character;
      if (line === '' || this.width(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (character === ' ') {
        lines.push(line);
        line = '';
        continue;
      }
      const space = line.lastIndexOf(' ');
      if (space > 0 && /^[\x21-\x7e]+$/.test(line.slice(space + 1))) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + character;
      } else {
        lines.push(line);
        line = character;
      }
    }
    if (line !== '' || lines.length === 0) lines.push(line);
    return lines;
  }
}

function lineHeight(size: number): number {
  return size * LEADING;
}

function drawHeader(layout: InvoiceLayout, input: InvoicePdfInput): void {
  const centre = PAGE_WIDTH / 2;
  if (input.creditNoteOf !== undefined) {
    const badge = '红字发票 Credit note';
    const badgeWidth = layout.width(badge, SIZE.heading) + 2 * 6;
    layout.box(MARGIN, layout.y, badgeWidth, 20, { border: RED });
    layout.text(badge, MARGIN + 6, layout.y - 14, SIZE.heading, RED);
  }
  const [zhTitle, enTitle] =
    input.kind === 'special' ? ['增值税专用发票', 'VAT Special Invoice'] : ['增值税普通发票', 'VAT General Invoice'];
  const titleColor = input.creditNoteOf !== undefined ? RED : LABEL;
  layout.y -= SIZE.title;
  layout.textCentered(zhTitle, centre, layout.y, SIZE.title, titleColor);
  layout.y -= lineHeight(SIZE.subtitle) + 2;
  layout.textCentered(enTitle, centre, layout.y, SIZE.subtitle, titleColor);
  const halfRule = layout.width(zhTitle, SIZE.title) / 2 + 12;
  layout.y -= 6;
  layout.rule(centre - halfRule, layout.y, centre + halfRule, layout.y, titleColor, 0.8);
  layout.rule(centre - halfRule, layout.y - 2.5, centre + halfRule, layout.y - 2.5, titleColor, 0.8);
  layout.y -= 20;

  const date = calendarDateIn(input.issuedAt, input.timeZone ?? DEFAULT_BILLING_TIME_ZONE);
  drawMetaRow(layout, ['发票号码 Invoice No.', input.number], ['开票日期 Date of issue', date]);
  if (input.creditNoteOf !== undefined) {
    layout.y -= lineHeight(SIZE.body) + 2;
    layout.text('对应蓝字发票号码 Reverses invoice No.', MARGIN, layout.y, SIZE.label, RED);
    const labelWidth = layout.width('对应蓝字发票号码 Reverses invoice No.', SIZE.label);
    layout.text(printable(input.creditNoteOf), MARGIN + labelWidth + 6, layout.y, SIZE.body, RED);
  }
  layout.y -= 12;
}

function drawMetaRow(
  layout: InvoiceLayout,
  [leftLabel, leftValue]: [string, string],
  [rightLabel, rightValue]: [string, string],
): void {
  layout.text(leftLabel, MARGIN, layout.y, SIZE.label, LABEL);
  layout.text(printable(leftValue), MARGIN + layout.width(leftLabel, SIZE.label) + 6, layout.y, SIZE.body);
  const right = PAGE_WIDTH - MARGIN;
  layout.textRight(rightValue, right, layout.y, SIZE.body);
  layout.textRight(rightLabel, right - layout.width(rightValue, SIZE.body) - 6, layout.y, SIZE.label, LABEL);
}

interface PartyField {
  label: string;
  value: string;
}

function partyFields(input: InvoicePdfInput): { buyer: PartyField[]; seller: PartyField[] } {
  const { buyer, seller } = input;
  const joined = (...parts: Array<string | undefined>) =>
    parts.filter((part): part is string => part !== undefined && part.trim() !== '').join(' ');
  // A special invoice prints all four buyer fields; a general one only those the title has.
  const all = input.kind === 'special';
  const buyerFields: PartyField[] = [{ label: '名称 Name', value: buyer.name }];
  const optional: PartyField[] = [
    { label: '纳税人识别号 Taxpayer ID', value: joined(buyer.taxpayerId) },
    { label: '地址、电话 Address, phone', value: joined(buyer.address, buyer.phone) },
    { label: '开户行及账号 Bank, account', value: joined(buyer.bank, buyer.account) },
  ];
  for (const field of optional) {
    if (field.value !== '') buyerFields.push(field);
    else if (all) buyerFields.push({ ...field, value: '—' });
  }
  return {
    buyer: buyerFields,
    seller: [
      { label: '名称 Name', value: seller.name },
      { label: '纳税人识别号 Taxpayer ID', value: seller.taxId },
      { label: '地址 Address', value: seller.address },
      { label: '开户行及账号 Bank, account', value: seller.bank },
    ],
  };
}

function drawParties(layout: InvoiceLayout, input: InvoicePdfInput): void {
  const gap = 10;
  const columnWidth = (CONTENT_WIDTH - gap) / 2;
  const innerWidth = columnWidth - 2 * 8;
  const fields = partyFields(input);
  const columns = [
    { heading: '购买方 Buyer', x: MARGIN, fields: fields.buyer },
    { heading: '销售方 Seller', x: MARGIN + columnWidth + gap, fields: fields.seller },
  ].map((column) => ({
    ...column,
    rows: column.fields.map((field) => ({
      label: field.label,
      lines: layout.wrap(field.value, SIZE.body, innerWidth),
    })),
  }));
  const heightOf = (rows: Array<{ lines: string[] }>) =>
    8 +
    lineHeight(SIZE.heading) +
    rows.reduce((sum, row) => sum + lineHeight(SIZE.label) + row.lines.length * lineHeight(SIZE.body) + 3, 0) +
    4;
  const height = Math.max(...columns.map((column) => heightOf(column.rows)));
  layout.ensure(height);
  const top = layout.y;
  for (const column of columns) {
    layout.box(column.x, top, columnWidth, height);
    let y = top - 8 - SIZE.heading;
    layout.text(column.heading, column.x + 8, y, SIZE.heading, LABEL);
    y -= lineHeight(SIZE.heading) - SIZE.heading + 2;
    for (const row of column.rows) {
      y -= lineHeight(SIZE.label);
      layout.text(row.label, column.x + 8, y, SIZE.label, LABEL);
      for (const line of row.lines) {
        y -= lineHeight(SIZE.body);
        layout.text(line, column.x + 8, y, SIZE.body);
      }
      y -= 3;
    }
  }
  layout.y = top - height - 14;
}

const HEADER_ROW_HEIGHT = 8 + lineHeight(SIZE.label) * 2;

function drawTableHeader(layout: InvoiceLayout): void {
  const top = layout.y;
  layout.box(MARGIN, top, CONTENT_WIDTH, HEADER_ROW_HEIGHT, { fill: SHADE, border: RULE });
  let x = MARGIN;
  for (const column of COLUMNS) {
    const zhBaseline = top - 4 - SIZE.label;
    const enBaseline = zhBaseline - lineHeight(SIZE.label);
    if (column.align === 'right') {
      layout.textRight(column.zh, x + column.width - CELL_PADDING, zhBaseline, SIZE.label, LABEL);
      layout.textRight(column.en, x + column.width - CELL_PADDING, enBaseline, SIZE.label, LABEL);
    } else {
      layout.text(column.zh, x + CELL_PADDING, zhBaseline, SIZE.label, LABEL);
      layout.text(column.en, x + CELL_PADDING, enBaseline, SIZE.label, LABEL);
    }
    x += column.width;
  }
  layout.y = top - HEADER_ROW_HEIGHT;
}

interface TableRow {
  cells: [first: string, rate: string, net: string, tax: string, gross: string];
  /** A rule above the row (subtotal and total rows). */
  ruleAbove?: boolean;
}

function drawTableRow(layout: InvoiceLayout, row: TableRow): void {
  const firstLines = layout.wrap(row.cells[0], SIZE.body, COLUMNS[0].width - 2 * CELL_PADDING);
  const height = firstLines.length * lineHeight(SIZE.body) + 6;
  if (!layout.fits(height)) {
    // Close the table at the foot of this page; the next page repeats the header.
    layout.rule(MARGIN, layout.y, MARGIN + CONTENT_WIDTH, layout.y);
    layout.addPage();
  }
  const top = layout.y;
  if (row.ruleAbove) layout.rule(MARGIN, top, MARGIN + CONTENT_WIDTH, top);
  let y = top - 3;
  for (const line of firstLines) {
    y -= lineHeight(SIZE.body);
    layout.text(line, MARGIN + CELL_PADDING, y + (lineHeight(SIZE.body) - SIZE.body) / 2, SIZE.body);
  }
  const baseline = top - 3 - lineHeight(SIZE.body) + (lineHeight(SIZE.body) - SIZE.body) / 2;
  let x = MARGIN + COLUMNS[0].width;
  for (let index = 1; index < COLUMNS.length; index += 1) {
    x += COLUMNS[index].width;
    layout.textRight(row.cells[index], x - CELL_PADDING, baseline, SIZE.body);
  }
  // Side borders so a table split over pages stays boxed on each page.
  layout.rule(MARGIN, top, MARGIN, top - height);
  layout.rule(MARGIN + CONTENT_WIDTH, top, MARGIN + CONTENT_WIDTH, top - height);
  layout.y = top - height;
}

function tableRows(input: InvoicePdfInput): TableRow[] {
  const amounts = (a: { net: bigint; tax: bigint; gross: bigint }) =>
    [formatCnyFen(a.net), formatCnyFen(a.tax), formatCnyFen(a.gross)] as const;
  const rows: TableRow[] = input.lines.map((line) => ({
    cells: [printable(line.service), taxRatePercent(line.taxRate), ...amounts(line)],
  }));
  if (input.totalsByRate.length > 1) {
    input.totalsByRate.forEach((total, index) => {
      rows.push({
        cells: ['小计 Subtotal', taxRatePercent(total.taxRate), ...amounts(total)],
        ruleAbove: index === 0,
      });
    });
  }
  rows.push({ cells: ['合计 Total', '', ...amounts(input.total)], ruleAbove: true });
  return rows;
}

function drawTotalInWords(layout: InvoiceLayout, input: InvoicePdfInput): void {
  const label = '价税合计（大写） Total in words';
  const figuresLabel = '（小写） In figures';
  const figures = formatCnyFen(input.total.gross);
  const labelWidth = layout.width(label, SIZE.label) + 12;
  const figuresWidth = layout.width(figuresLabel, SIZE.label) + layout.width(figures, SIZE.capitals) + 24;
  const capitalsLines = layout.wrap(
    input.totalInCapitals,
    SIZE.capitals,
    CONTENT_WIDTH - labelWidth - figuresWidth - 2 * CELL_PADDING,
  );
  const height = capitalsLines.length * lineHeight(SIZE.capitals) + 10;
  layout.ensure(height);
  const top = layout.y;
  layout.box(MARGIN, top, CONTENT_WIDTH, height);
  const baseline = top - 5 - SIZE.capitals;
  layout.text(label, MARGIN + CELL_PADDING, baseline, SIZE.label, LABEL);
  const capitalsColor = input.total.gross < 0n ? RED : INK;
  capitalsLines.forEach((line, index) => {
    layout.text(line, MARGIN + labelWidth, baseline - index * lineHeight(SIZE.capitals), SIZE.capitals, capitalsColor);
  });
  const right = MARGIN + CONTENT_WIDTH - CELL_PADDING;
  layout.textRight(figures, right, baseline, SIZE.capitals, capitalsColor);
  layout.textRight(figuresLabel, right - layout.width(figures, SIZE.capitals) - 6, baseline, SIZE.label, LABEL);
  layout.y = top - height - 12;
}

function drawRemarks(layout: InvoiceLayout, input: InvoicePdfInput): void {
  if (input.creditNoteOf === undefined) return;
  const original = printable(input.creditNoteOf);
  const remark = `红字发票，冲销发票 ${original}。 Credit note reversing invoice ${original}.`;
  const lines = layout.wrap(remark, SIZE.body, CONTENT_WIDTH - 2 * CELL_PADDING);
  layout.ensure(lineHeight(SIZE.label) + lines.length * lineHeight(SIZE.body));
  layout.y -= lineHeight(SIZE.label);
  layout.text('备注 Remarks', MARGIN, layout.y, SIZE.label, LABEL);
  for (const line of lines) {
    layout.y -= lineHeight(SIZE.body);
    layout.text(line, MARGIN, layout.y, SIZE.body);
  }
}

function drawFooters(layout: InvoiceLayout, input: InvoicePdfInput): void {
  const count = layout.pages.length;
  layout.pages.forEach((page, index) => {
    layout.page = page;
    const baseline = MARGIN - 14;
    layout.rule(MARGIN, MARGIN + 2, MARGIN + CONTENT_WIDTH, MARGIN + 2);
    layout.text(printable(input.number), MARGIN, baseline, SIZE.label, LABEL);
    layout.textCentered(
      `第 ${index + 1} 页 / 共 ${count} 页  Page ${index + 1} of ${count}`,
      PAGE_WIDTH / 2,
      baseline,
      SIZE.label,
      LABEL,
    );
  });
}

export async function renderInvoicePdf(input: InvoicePdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(pdfFontkit);
  const font = await pdf.embedFont(await invoiceFontBytes(), { subset: true, customName: INVOICE_FONT_NAME });

  const title = `${input.creditNoteOf !== undefined ? '红字发票 Credit note' : '发票 Invoice'} ${printable(input.number)}`;
  pdf.setTitle(title);
  pdf.setSubject(input.creditNoteOf !== undefined ? `Credit note for invoice ${input.creditNoteOf}` : 'VAT invoice');
  pdf.setAuthor(printable(input.seller.name));
  pdf.setCreator(PDF_PRODUCER);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setLanguage('zh-CN');
  pdf.setCreationDate(input.issuedAt);
  pdf.setModificationDate(input.issuedAt);

  const layout = new InvoiceLayout(pdf, font);
  const continuedHeading = (next: InvoiceLayout) => {
    const heading = `发票号码 Invoice No. ${printable(input.number)}（续 continued）`;
    next.text(heading, MARGIN, next.y - SIZE.body, SIZE.body, LABEL);
    next.y -= lineHeight(SIZE.body) + 10;
  };
  layout.continuation = continuedHeading;
  layout.addPage();
  drawHeader(layout, input);
  drawParties(layout, input);
  layout.ensure(HEADER_ROW_HEIGHT + 3 * lineHeight(SIZE.body));
  drawTableHeader(layout);
  layout.continuation = (next) => {
    continuedHeading(next);
    drawTableHeader(next);
  };
  for (const row of tableRows(input)) drawTableRow(layout, row);
  layout.rule(MARGIN, layout.y, MARGIN + CONTENT_WIDTH, layout.y);
  layout.continuation = continuedHeading;
  layout.y -= 10;
  drawTotalInWords(layout, input);
  drawRemarks(layout, input);
  drawFooters(layout, input);

  return pdf.save({ useObjectStreams: true });
}
