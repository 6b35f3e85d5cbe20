/**
 * Invoice documents: median time to render one PDF, then time to zip 1,000 rendered PDFs into a
 * file in the temp folder, stored and deflated. Prints figures only.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildInvoiceDocument, type CoveredChargeLine } from '@/lib/invoices/invoice-document';
import { renderInvoicePdf, type InvoicePdfInput } from '@/lib/invoices/render-pdf';
import { zipPdfs, type ZipPdfFile } from '@/lib/invoices/zip-pdfs';

const SERVICES = ['信息技术服务*云服务器', '信息技术服务*对象存储', '基础电信服务*带宽租用'];
const RENDER_RUNS = 50;
const ZIP_FILES = 1_000;

function charges(days: number): CoveredChargeLine[] {
  return Array.from({ length: days * SERVICES.length }, (_, index) => {
    const service = SERVICES[index % SERVICES.length];
    const rate = service.startsWith('基础电信') ? 9n : 6n;
    const net = 1_000n + BigInt((index * 7_919) % 50_000);
    const tax = (net * rate + 50n) / 100n;
    return { service, taxRate: rate === 9n ? '0.09' : '0.06', net, tax, gross: net + tax };
  });
}

function invoice(sequence: number): InvoicePdfInput {
  return {
    ...buildInvoiceDocument(charges(30)),
    number: `2026-${String(sequence).padStart(6, '0')}`,
    issuedAt: new Date(Date.UTC(2026, 2, 12, 1, 0, 0) + sequence * 60_000),
    kind: sequence % 5 === 0 ? 'special' : 'general',
    seller: {
      name: '上海示例云计算有限公司',
      taxId: '91310000MA1FL4T80D',
      address: '上海市浦东新区世纪大道100号 021-12345678',
      bank: '招商银行上海分行 121900000010001',
    },
    buyer: { name: `北京某某科技有限公司 ${sequence}`, taxpayerId: '91350100M000100Y43' },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

let started = performance.now();
const first = await renderInvoicePdf(invoice(0));
console.log(`first render (reads and parses the font): ${ms(performance.now() - started)}, ${first.length} bytes`);

const times: number[] = [];
for (let run = 1; run <= RENDER_RUNS; run += 1) {
  started = performance.now();
  await renderInvoicePdf(invoice(run));
  times.push(performance.now() - started);
}
console.log(
  `render one invoice PDF (3 lines from 90 charges), ${RENDER_RUNS} runs: median ${ms(median(times))}, ` +
    `min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}`,
);

started = performance.now();
const pdfs: ZipPdfFile[] = [];
for (let sequence = 1; sequence <= ZIP_FILES; sequence += 1) {
  const input = invoice(sequence);
  pdfs.push({ fileName: `${input.number}.pdf`, bytes: await renderInvoicePdf(input), modifiedAt: input.issuedAt });
}
const renderAll = performance.now() - started;
const totalPdfBytes = pdfs.reduce((sum, pdf) => sum + pdf.bytes.length, 0);
console.log(
  `render ${ZIP_FILES} PDFs: ${ms(renderAll)} (${ms(renderAll / ZIP_FILES)} each), ` +
    `${(totalPdfBytes / 1e6).toFixed(1)} MB`,
);

const folder = await mkdtemp(path.join(os.tmpdir(), 'bench-invoices-'));
try {
  for (const level of [0, 6]) {
    const file = path.join(folder, `invoices-${level}.zip`);
    started = performance.now();
    await zipPdfs(pdfs, createWriteStream(file), { compressionLevel: level });
    const elapsed = performance.now() - started;
    const { size } = await stat(file);
    console.log(
      `zip ${ZIP_FILES} PDFs to a file, ${level === 0 ? 'stored' : `deflate level ${level}`}: ` +
        `${ms(elapsed)}, ${(size / 1e6).toFixed(1)} MB`,
    );
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
