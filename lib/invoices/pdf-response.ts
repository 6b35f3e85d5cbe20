import { invoicePdfFileName, type InvoicePdf } from './invoice-queries';

/** The stored bytes as a download, unchanged (the same bytes on every download). */
export function pdfResponse(pdf: InvoicePdf): Response {
  return new Response(Buffer.from(pdf.pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-length': String(pdf.pdf.byteLength),
      'content-disposition': `attachment; filename="${invoicePdfFileName(pdf.number)}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
