import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoices, type InvoiceKind } from '@/lib/db/schema';
import { isConflict } from './db-errors';
import type { ActorRef } from '@/lib/audit/actor';
import { recordInvoiceActivity } from './invoice-activity';
import { buildInvoiceDocument, type InvoiceDocument } from './invoice-document';
import { InvoiceError } from './invoice-error';
import { invoiceableCharges, monthRangeDays, type InvoiceableCharge } from './invoiceable-charges';
import { storeInvoiceDocument } from './stored-document';
import { buyerSnapshot, getInvoiceTitle, isSpecialInvoiceReady } from './titles';

/**
 * A customer's invoice request (DESIGN.md "Invoices"): every invoiceable charge line and overdue
 * penalty part of the chosen months, summed per service (penalties: "逾期违约金") and tax rate. The request links each covered charge; the partial
 * unique index on live links makes a charge part of at most one live invoice even when requests
 * race (the loser's insert fails and its transaction writes nothing).
 */

export interface InvoicePreview {
  document: InvoiceDocument;
  charges: InvoiceableCharge[];
  chargeCount: number;
  periodFrom: string;
  periodTo: string;
}

/** Refused (InvoiceError, 422): `invalid_range`, `nothing_to_invoice`, `not_positive`. */
export async function previewInvoice(db: Db, input: { accountId: string; fromMonth: string; toMonth: string }): Promise<InvoicePreview> {
  const range = monthRangeDays(input.fromMonth, input.toMonth);
  if (!range) throw new InvoiceError('invalid_range');
  const charges = await invoiceableCharges(db, input.accountId, range);
  if (charges.length === 0) throw new InvoiceError('nothing_to_invoice');
  const document = buildInvoiceDocument(charges);
  if (document.total.gross <= 0n) throw new InvoiceError('not_positive');
  return { document, charges, chargeCount: charges.length, periodFrom: range.from, periodTo: range.to };
}

export interface InvoiceRequestInput {
  accountId: string;
  /** Who asks, recorded with the request and in the account's activity log (null: the system, e.g. a script). */
  actor: ActorRef | null;
  fromMonth: string;
  toMonth: string;
  titleId: string;
  kind: InvoiceKind;
  recipientEmails: string[];
  /** The gross the customer saw in the preview: a different amount now refuses the request. */
  expectedGrossFen?: bigint;
  now: Date;
}

/**
 * Refused (InvoiceError): `title_not_found`, `special_needs_complete_title`, the preview's refusals
 * (`invalid_range` naming the last month), `amount_changed`, and `charges_taken` when another
 * request took some of the charges at the same moment.
 */
export async function requestInvoice(db: Db, input: InvoiceRequestInput): Promise<{ invoiceId: string; document: InvoiceDocument; chargeCount: number }> {
  try {
    return await db.transaction(async (tx) => {
      const title = await getInvoiceTitle(tx, input.accountId, input.titleId);
      if (!title) throw new InvoiceError('title_not_found', { field: 'titleId' });
      if (input.kind === 'special' && !isSpecialInvoiceReady(title)) throw new InvoiceError('special_needs_complete_title', { field: 'kind' });
      // The form shows a range refusal at the last month (the preview route names no field).
      if (!monthRangeDays(input.fromMonth, input.toMonth)) throw new InvoiceError('invalid_range', { field: 'toMonth' });
      const preview = await previewInvoice(tx, input);
      const { document, periodFrom, periodTo } = preview;
      if (input.expectedGrossFen !== undefined && input.expectedGrossFen !== document.total.gross) throw new InvoiceError('amount_changed');
      const [invoice] = await tx
        .insert(invoices)
        .values({
          accountId: input.accountId,
          type: 'invoice',
          kind: input.kind,
          status: 'requested',
          titleId: title.id,
          buyer: buyerSnapshot(title),
          recipientEmails: input.recipientEmails,
          periodFrom,
          periodTo,
          netFen: document.total.net,
          taxFen: document.total.tax,
          grossFen: document.total.gross,
          document: storeInvoiceDocument(document),
          requestedAt: input.now,
          requestedBy: input.actor?.userId ?? null,
        })
        .returning({ id: invoices.id });
      // Links exactly the charges the document was built from. A charge another request linked
      // meanwhile violates the live-link unique index (waiting for that request to commit first).
      const ids = JSON.stringify(preview.charges.filter((c) => c.source === 'charge').map((c) => c.id.toString()));
      await tx.execute(sql`
        insert into invoice_charges (invoice_id, charge_line_id)
        select ${invoice.id}::uuid, id::bigint from json_array_elements_text(${ids}::json) as id order by 2`);
      const penaltyIds = JSON.stringify(preview.charges.filter((c) => c.source === 'penalty').map((c) => c.id.toString()));
      if (penaltyIds !== '[]') {
        await tx.execute(sql`
          insert into invoice_penalty_parts (invoice_id, penalty_part_id)
          select ${invoice.id}::uuid, id::bigint from json_array_elements_text(${penaltyIds}::json) as id order by 2`);
      }
      await recordInvoiceActivity(tx, {
        accountId: input.accountId,
        actor: input.actor,
        kind: 'invoice_requested',
        details: { invoiceId: invoice.id, kind: input.kind, period: `${input.fromMonth}–${input.toMonth}`, grossFen: document.total.gross.toString() },
        now: input.now,
      });
      return { invoiceId: invoice.id, document, chargeCount: preview.chargeCount };
    });
  } catch (error) {
    if (isConflict(error)) throw new InvoiceError('charges_taken');
    throw error;
  }
}
