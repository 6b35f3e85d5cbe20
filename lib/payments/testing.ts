import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createUserWithAccount } from '@/lib/accounts/customer-accounts';
import { configFrom, type PortalConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { payments } from '@/lib/db/schema';
import { queryRows } from '@/lib/db/sql-rows';
import { POST as webhookPost } from '@/app/api/payments/webhook/[provider]/route';
import { signSandboxPayload } from './sandbox-signature';
import type { SandboxEvent } from './sandbox/sandbox-event';

/** Test fixtures for payments: a process configuration with a Stripe test setup, customers, signed deliveries. */

export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_test_portal_secret';

/** Makes `config()` answer a test configuration (own data folder, Stripe keys that never reach the network). */
export function useTestConfig(): PortalConfig {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-payments-'));
  const cfg = configFrom({ DATA_DIR: dataDir, STRIPE_SECRET_KEY: 'sk_test_offline', STRIPE_WEBHOOK_SECRET: TEST_STRIPE_WEBHOOK_SECRET, PORT: '3999', NODE_ENV: 'test' });
  (globalThis as { __portalConfig?: PortalConfig }).__portalConfig = cfg;
  return cfg;
}

export async function newCustomer(db: Db, now = new Date()) {
  const name = `payer-${randomBytes(4).toString('hex')}`;
  return createUserWithAccount(db, { email: `${name}@demo.test`, name, now });
}

export async function paymentById(db: Db, id: string) {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  return row;
}

/** Posts a body to the webhook route exactly as a provider would. */
export function deliverWebhook(provider: string, body: string, headers: Record<string, string>): Promise<Response> {
  const request = new Request(`http://localhost:3999/api/payments/webhook/${provider}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return webhookPost(request, { params: Promise.resolve({ provider }) });
}

export function deliverSandboxEvent(event: SandboxEvent, secret: string, options: { at?: Date } = {}): Promise<Response> {
  const body = JSON.stringify(event);
  const t = Math.floor((options.at ?? new Date()).getTime() / 1000);
  return deliverWebhook('sandbox', body, { 'sandbox-signature': signSandboxPayload(body, secret, t) });
}

/** A success event for a sandbox payment (the sandbox's own shape), with optional tampering. */
export function sandboxSucceeded(checkoutId: string, reference: string, amountFen: bigint, overrides: { amount?: number; currency?: string } = {}): SandboxEvent {
  return {
    id: `evt_${checkoutId}_succeeded`,
    type: 'payment.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: checkoutId,
        reference,
        amount: overrides.amount ?? Number(amountFen),
        currency: overrides.currency ?? 'CNY',
        status: 'succeeded',
        failure_code: null,
      },
    },
  };
}

export interface MoneyCounts {
  transfers: number;
  topUps: number;
  events: number;
}

export async function moneyCounts(db: Db): Promise<MoneyCounts> {
  const [row] = await queryRows<{ transfers: string; top_ups: string; events: string }>(
    db,
    sql`select (select count(*) from ledger_transfers)::text as transfers,
               (select count(*) from ledger_transfers where kind = 'top_up')::text as top_ups,
               (select count(*) from payment_events)::text as events`,
  );
  return { transfers: Number(row.transfers), topUps: Number(row.top_ups), events: Number(row.events) };
}

/** A fresh RSA-2048 key pair as PEM (PKCS#8 private, SPKI public), made in the test. */
export function rsaKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

/** Makes `config()` answer a demo configuration with these extra variables (e.g. ALIPAY_* pointing at a stand-in). */
export function useConfigWith(env: Record<string, string>): PortalConfig {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-payments-'));
  const cfg = configFrom({ DATA_DIR: dataDir, PORT: '3999', APP_URL: 'http://localhost:3999', NODE_ENV: 'test', ...env });
  (globalThis as { __portalConfig?: PortalConfig }).__portalConfig = cfg;
  return cfg;
}

/** A stand-in's notification delivered to the webhook route in-process, answered as text. */
export async function deliverToRoute(provider: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await deliverWebhook(provider, body, headers);
  return { status: response.status, text: await response.text() };
}
