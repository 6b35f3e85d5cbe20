import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { invoiceTitles, type InvoiceBuyerSnapshot, type InvoiceTitleType } from '@/lib/db/schema';
import type { ActorRef } from '@/lib/audit/actor';
import { InvoiceError } from './invoice-error';
import { recordInvoiceActivity } from './invoice-activity';
import { validateTaxpayerId } from './taxpayer-id';

/**
 * Invoice titles (DESIGN.md "Invoices"): several per account, exactly one default while any exist.
 * Individuals have a name; organizations a name and a taxpayer ID, plus the four fields a special
 * VAT invoice needs. A malformed taxpayer ID is refused; one whose check character fails is saved
 * only once the customer confirms it (a few real codes fail the check). The changes throw their
 * refusals as InvoiceError `{ title: true }` (`invalid` / `check_character` with the field problems
 * in `fieldErrors`, `not_found`, `too_many`); `checkInvoiceTitle` is the input check they run first.
 */

export type InvoiceTitle = typeof invoiceTitles.$inferSelect;

export interface InvoiceTitleInput {
  type: InvoiceTitleType;
  name: string;
  taxpayerId?: string | null;
  registeredAddress?: string | null;
  phone?: string | null;
  bankName?: string | null;
  bankAccount?: string | null;
  /** Make this the account's default title (the first title always is). */
  isDefault?: boolean;
  /** The customer confirmed a taxpayer ID whose check character does not match. */
  confirmCheckCharacter?: boolean;
}

export type TitleFieldProblem =
  | 'required'
  | 'too_long'
  | 'taxpayer_id_length'
  | 'taxpayer_id_characters'
  | 'check_character'
  | 'phone_format'
  | 'bank_account_format';

export type TitleField = 'name' | 'taxpayerId' | 'registeredAddress' | 'phone' | 'bankName' | 'bankAccount';

export const TITLE_LIMITS = {
  name: 150,
  registeredAddress: 200,
  phone: 30,
  bankName: 100,
  bankAccount: 40,
  titlesPerAccount: 20,
} as const;

/** A title's fields once checked and normalized (what is stored, and what the title form shows). */
export interface CheckedTitle {
  type: InvoiceTitleType;
  name: string;
  taxpayerId: string | null;
  taxpayerIdCheckFailed: boolean;
  registeredAddress: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
}

const clean = (value: string | null | undefined): string | null => {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
};

/** Checks and normalizes a title; nothing is written when a field has a problem. */
export function checkInvoiceTitle(input: InvoiceTitleInput): { ok: true; value: CheckedTitle } | { ok: false; fields: Partial<Record<TitleField, TitleFieldProblem>> } {
  const fields: Partial<Record<TitleField, TitleFieldProblem>> = {};
  const name = clean(input.name);
  if (!name) fields.name = 'required';
  else if (name.length > TITLE_LIMITS.name) fields.name = 'too_long';

  if (input.type === 'individual') {
    if (Object.keys(fields).length > 0) return { ok: false, fields };
    // An individual's title prints the name only; stray organization fields are dropped.
    return {
      ok: true,
      value: { type: 'individual', name: name!, taxpayerId: null, taxpayerIdCheckFailed: false, registeredAddress: null, phone: null, bankName: null, bankAccount: null },
    };
  }

  let taxpayerId: string | null = null;
  let checkFailed = false;
  const rawId = clean(input.taxpayerId);
  if (!rawId) fields.taxpayerId = 'required';
  else {
    const result = validateTaxpayerId(rawId);
    if (!result.ok) fields.taxpayerId = result.reason === 'length' ? 'taxpayer_id_length' : result.reason === 'empty' ? 'required' : 'taxpayer_id_characters';
    else {
      taxpayerId = result.normalized;
      checkFailed = !result.checkCharacterValid;
      if (checkFailed && !input.confirmCheckCharacter) fields.taxpayerId = 'check_character';
    }
  }
  const registeredAddress = clean(input.registeredAddress);
  if (registeredAddress && registeredAddress.length > TITLE_LIMITS.registeredAddress) fields.registeredAddress = 'too_long';
  const phone = clean(input.phone);
  if (phone && !/^\+?[0-9][0-9 ()-]{4,29}$/.test(phone)) fields.phone = 'phone_format';
  const bankName = clean(input.bankName);
  if (bankName && bankName.length > TITLE_LIMITS.bankName) fields.bankName = 'too_long';
  const bankAccount = clean(input.bankAccount);
  if (bankAccount && !/^[0-9][0-9 -]{3,39}$/.test(bankAccount)) fields.bankAccount = 'bank_account_format';

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, value: { type: 'organization', name: name!, taxpayerId, taxpayerIdCheckFailed: checkFailed, registeredAddress, phone, bankName, bankAccount } };
}

/** A special VAT invoice needs an organization title with all four special fields. */
export function isSpecialInvoiceReady(title: Pick<InvoiceTitle, 'type' | 'taxpayerId' | 'registeredAddress' | 'phone' | 'bankName' | 'bankAccount'>): boolean {
  return Boolean(title.type === 'organization' && title.taxpayerId && title.registeredAddress && title.phone && title.bankName && title.bankAccount);
}

/** The buyer as the invoice prints it, copied at request time. */
export function buyerSnapshot(title: InvoiceTitle): InvoiceBuyerSnapshot {
  const snapshot: InvoiceBuyerSnapshot = { type: title.type, name: title.name };
  if (title.taxpayerId) snapshot.taxpayerId = title.taxpayerId;
  if (title.taxpayerId && title.taxpayerIdCheckFailed) snapshot.taxpayerIdCheckFailed = true;
  if (title.registeredAddress) snapshot.address = title.registeredAddress;
  if (title.phone) snapshot.phone = title.phone;
  if (title.bankName) snapshot.bank = title.bankName;
  if (title.bankAccount) snapshot.account = title.bankAccount;
  return snapshot;
}

export async function listInvoiceTitles(db: Db, accountId: string): Promise<InvoiceTitle[]> {
  return db.select().from(invoiceTitles).where(eq(invoiceTitles.accountId, accountId)).orderBy(desc(invoiceTitles.isDefault), asc(invoiceTitles.createdAt), asc(invoiceTitles.id));
}

export async function getInvoiceTitle(db: Db, accountId: string, titleId: string): Promise<InvoiceTitle | null> {
  const [title] = await db.select().from(invoiceTitles).where(and(eq(invoiceTitles.id, titleId), eq(invoiceTitles.accountId, accountId)));
  return title ?? null;
}

/** Title changes of one account run one at a time, so "exactly one default" holds under concurrency. */
async function lockAccountTitles(tx: Db, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`invoice_titles:${accountId}`}, 0))`);
}

async function makeDefault(tx: Db, accountId: string, titleId: string, now: Date): Promise<void> {
  await tx
    .update(invoiceTitles)
    .set({ isDefault: false, updatedAt: now })
    .where(and(eq(invoiceTitles.accountId, accountId), eq(invoiceTitles.isDefault, true), ne(invoiceTitles.id, titleId)));
  await tx.update(invoiceTitles).set({ isDefault: true, updatedAt: now }).where(eq(invoiceTitles.id, titleId));
}

/** The refusal of a title whose fields have problems; a failed check character alone is a question. */
function invalidTitle(fields: Partial<Record<TitleField, TitleFieldProblem>>): InvoiceError {
  const onlyCheck = Object.keys(fields).length === 1 && fields.taxpayerId === 'check_character';
  return new InvoiceError(onlyCheck ? 'check_character' : 'invalid', { title: true, fieldErrors: fields as Record<string, string> });
}

export async function createInvoiceTitle(db: Db, input: { accountId: string; title: InvoiceTitleInput; now: Date; actor?: ActorRef }): Promise<InvoiceTitle> {
  const checked = checkInvoiceTitle(input.title);
  if (!checked.ok) throw invalidTitle(checked.fields);
  return db.transaction(async (tx) => {
    await lockAccountTitles(tx, input.accountId);
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(invoiceTitles).where(eq(invoiceTitles.accountId, input.accountId));
    if (count >= TITLE_LIMITS.titlesPerAccount) throw new InvoiceError('too_many', { title: true });
    const [title] = await tx
      .insert(invoiceTitles)
      .values({ accountId: input.accountId, ...checked.value, isDefault: false, createdAt: input.now, updatedAt: input.now })
      .returning();
    if (count === 0 || input.title.isDefault) await makeDefault(tx, input.accountId, title.id, input.now);
    await recordInvoiceActivity(tx, { accountId: input.accountId, actor: input.actor, kind: 'invoice_title_saved', details: { titleId: title.id, name: title.name, created: true }, now: input.now });
    return (await getInvoiceTitle(tx, input.accountId, title.id))!;
  });
}

export async function updateInvoiceTitle(db: Db, input: { accountId: string; titleId: string; title: InvoiceTitleInput; now: Date; actor?: ActorRef }): Promise<InvoiceTitle> {
  const checked = checkInvoiceTitle(input.title);
  if (!checked.ok) throw invalidTitle(checked.fields);
  return db.transaction(async (tx) => {
    await lockAccountTitles(tx, input.accountId);
    const existing = await getInvoiceTitle(tx, input.accountId, input.titleId);
    if (!existing) throw new InvoiceError('not_found', { title: true });
    await tx.update(invoiceTitles).set({ ...checked.value, updatedAt: input.now }).where(eq(invoiceTitles.id, existing.id));
    if (input.title.isDefault && !existing.isDefault) await makeDefault(tx, input.accountId, existing.id, input.now);
    await recordInvoiceActivity(tx, { accountId: input.accountId, actor: input.actor, kind: 'invoice_title_saved', details: { titleId: existing.id, name: checked.value.name }, now: input.now });
    return (await getInvoiceTitle(tx, input.accountId, existing.id))!;
  });
}

/** Makes a title of the account its default (refused `not_found` when the account has no such title). */
export async function setDefaultInvoiceTitle(db: Db, input: { accountId: string; titleId: string; now: Date; actor?: ActorRef }): Promise<void> {
  return db.transaction(async (tx) => {
    await lockAccountTitles(tx, input.accountId);
    const title = await getInvoiceTitle(tx, input.accountId, input.titleId);
    if (!title) throw new InvoiceError('not_found', { title: true });
    await makeDefault(tx, input.accountId, title.id, input.now);
    await recordInvoiceActivity(tx, { accountId: input.accountId, actor: input.actor, kind: 'invoice_title_saved', details: { titleId: title.id, name: title.name, madeDefault: true }, now: input.now });
  });
}

/**
 * Deletes a title; invoices keep the buyer they copied. When the default goes, the oldest
 * remaining title becomes the default. Refused `not_found` when the account has no such title.
 */
export async function deleteInvoiceTitle(db: Db, input: { accountId: string; titleId: string; now: Date; actor?: ActorRef }): Promise<void> {
  return db.transaction(async (tx) => {
    await lockAccountTitles(tx, input.accountId);
    const existing = await getInvoiceTitle(tx, input.accountId, input.titleId);
    if (!existing) throw new InvoiceError('not_found', { title: true });
    await tx.delete(invoiceTitles).where(eq(invoiceTitles.id, existing.id));
    await recordInvoiceActivity(tx, { accountId: input.accountId, actor: input.actor, kind: 'invoice_title_deleted', details: { titleId: existing.id, name: existing.name }, now: input.now });
    if (existing.isDefault) {
      const [next] = await tx
        .select({ id: invoiceTitles.id })
        .from(invoiceTitles)
        .where(eq(invoiceTitles.accountId, input.accountId))
        .orderBy(asc(invoiceTitles.createdAt), asc(invoiceTitles.id))
        .limit(1);
      if (next) await makeDefault(tx, input.accountId, next.id, input.now);
    }
  });
}
