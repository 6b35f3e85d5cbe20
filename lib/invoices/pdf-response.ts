import { pdfDownloadResponse } from '@/lib/pdf/response';
import { invoicePdfFileName, type InvoicePdf } from './invoice-queries';

/** The stored bytes as a download, unchanged (the same bytes on every download). */
export function pdfResponse(pdf: InvoicePdf): Response {
  return pdfDownloadResponse(pdf.pdf, invoicePdfFileName(pdf.number));
}
