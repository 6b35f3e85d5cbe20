import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse, Browser, BrowserContext } from '@playwright/test';
import { policyEntries, type Policy, type PolicyKey, type PolicyKind } from '../lib/auth/policy';
import { signSandboxPayload } from '../lib/payments/sandbox-signature';
import { expect, newUsername, signIn, test } from './fixtures';
import { callServerAction } from './server-actions';

/*
 * The authorization matrix, run against the real server: every entry of the policy table
 * (lib/auth/policy.ts) × every kind of caller. The cases are generated from the table, so a new
 * page, route or action is covered the moment it has its entry (the vitest table test makes sure
 * it has one). Pages and routes are plain HTTP requests with the caller's cookies; server actions
 * are posted the way the browser posts them (the `Next-Action` id from the build's manifest), with
 * an input no schema accepts, so an allowed call proves the guard let it through and writes nothing.
 *
 * Users: fresh customers made here (the owner "customer", "other customer", an undeclared one, and a
 * billing and a viewer member the owner invited to their account: the three member roles);
 * staff are the demo cast (sam, fiona, ada), each test in its own session.
 */

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const platformKey = 'demo-platform-key';
/** A charge line of the day, as the day page draws it (the messages on every page mention "no charges" anyway). */
const DAY_LINE = 'data-testid="day-line"';

function secrets(): { internalToken: string; webhookSecret: string } {
  const dataDir = path.join(process.cwd(), `.data-e2e-${port}`);
  return JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { internalToken: string; webhookSecret: string };
}

function internalToken(): string {
  return secrets().internalToken;
}

type StaffRole = 'support' | 'finance' | 'admin';
type MemberRole = 'owner' | 'billing' | 'viewer';

interface Caller {
  name: string;
  signedIn: boolean;
  roles: StaffRole[];
  /** Shown the owner's account (the owner, or support viewing as the owner). */
  owner: boolean;
  impersonating: boolean;
  undeclared: boolean;
  /** Sends the platform key and the internal token, no session. */
  machine: boolean;
  /** Their role on the account shown (everyone is the owner of their own account). */
  memberRole: MemberRole;
}

const caller = (name: string, traits: Partial<Caller> = {}): Caller => ({
  name,
  signedIn: true,
  roles: [],
  owner: false,
  impersonating: false,
  undeclared: false,
  machine: false,
  memberRole: 'owner',
  ...traits,
});

const callers = {
  anonymous: caller('anonymous', { signedIn: false }),
  customer: caller('customer (owner of the objects)', { owner: true }),
  billing: caller('billing member of the customer’s account', { owner: true, memberRole: 'billing' }),
  viewer: caller('viewer member of the customer’s account', { owner: true, memberRole: 'viewer' }),
  other: caller('another customer'),
  undeclared: caller('customer before the declaration', { undeclared: true }),
  support: caller('support', { roles: ['support'] }),
  finance: caller('finance', { roles: ['finance'] }),
  admin: caller('admin', { roles: ['admin'] }),
  impersonating: caller('support viewing as the customer', { roles: ['support'], owner: true, impersonating: true }),
  machine: caller('platform key / internal token', { signedIn: false, machine: true }),
};

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'not-found' | 'not-shown' | 'impersonation-refused' | 'to-welcome' | 'unsigned';

/** What the table says this caller gets. */
function expectedOutcome(kind: PolicyKind, policy: Policy, who: Caller): Outcome {
  const access = policy.access;
  if (access.kind === 'anyone') return 'allowed';
  if (access.kind === 'signature') return 'unsigned';
  if (access.kind === 'platform' || access.kind === 'internal') return who.machine ? 'allowed' : 'unauthenticated';
  if (!who.signedIn) return 'unauthenticated';
  if (access.kind === 'staff') return access.roles.some((role) => who.roles.includes(role)) ? 'allowed' : 'forbidden';
  // Member roles of the account shown (support viewing as the customer sees what an owner sees).
  if (policy.memberRoles && !who.impersonating && !policy.memberRoles.includes(who.memberRole)) return 'forbidden';
  if (who.impersonating && policy.refuseWhileImpersonating) return 'impersonation-refused';
  if (who.undeclared && kind === 'page' && !policy.allowUndeclared) return 'to-welcome';
  if (policy.owns && !who.owner) return policy.owns === 'charge-day' ? 'not-shown' : 'not-found';
  return 'allowed';
}

/** The objects the matrix points at: all the owner's. */
interface World {
  accountId: string;
  otherAccountId: string;
  paymentId: string;
  /** A second top-up of the owner's, paid (confirmed by a signed sandbox webhook): its receipt exists. */
  paidPaymentId: string;
  checkoutId: string;
  invoiceId: string;
  chargeDay: string;
  month: string;
  /** The owner's question about that day's charges. */
  caseId: string;
}

/** A URL for a pattern: each `[param]` becomes the owner's object of that kind. */
function fillPattern(key: PolicyKey, pattern: string, world: World): string {
  return pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_all, _rest, name: string) => {
    if (name === 'day') return world.chargeDay;
    if (name === 'paymentId') return key === 'GET /api/payments/[paymentId]/receipt' ? world.paidPaymentId : world.paymentId;
    if (name === 'accountId') return world.accountId;
    if (name === 'caseId') return world.caseId;
    if (name === 'provider') return 'sandbox';
    // A well-formed invitation token nobody was sent: the page answers that the link is not valid.
    if (name === 'token') return 'policy-matrix-no-such-invitation-0000000000';
    if (name === 'nextauth') return key.startsWith('GET') ? 'providers' : '_log';
    if (name === 'id' && pattern.startsWith('/sandbox-pay/')) return world.checkoutId;
    if (name === 'id' && pattern.startsWith('/api/v1/accounts/')) return world.accountId;
    if (name === 'id' && pattern.includes('/invoices/')) return world.invoiceId;
    throw new Error(`e2e/policy-matrix.spec.ts: no sample value for [${name}] in "${key}"; add one to fillPattern`);
  });
}

/** Query strings and bodies that make an allowed call succeed without writing anything. */
function sampleQuery(key: PolicyKey, world: World): string {
  const samples: Partial<Record<PolicyKey, Record<string, string>>> = {
    'GET /api/activity/export': { from: '2020-01-01', to: '2100-01-01', format: 'jsonl', account: world.otherAccountId },
    'GET /api/invoices/preview': { from: world.month, to: world.month },
    'GET /api/charges/statement': { month: '2026-01' },
    'GET /api/v1/accounts': { email: 'nobody@demo.test' },
  };
  const query = samples[key];
  return query ? `?${new URLSearchParams(query)}` : '';
}

const SAMPLE_BODIES: Partial<Record<PolicyKey, unknown>> = {
  // A time that isn't one: the token is checked, nothing runs.
  'POST /api/internal/billing': { now: 'not-a-time' },
  // A format that isn't one: the token is checked, no dump is taken.
  'POST /api/internal/backup': { format: 'none' },
  // next-auth's client log endpoint (`/api/auth/_log`): a debug line, dropped unless debugging.
  'POST /api/auth/[...nextauth]': { level: 'debug', code: 'policy_matrix' },
};

// ---------------------------------------------------------------------------------------------
// Server actions, posted as the browser posts them.

/** Calls an action that must succeed and returns its data. */
async function act<T>(request: APIRequestContext, key: PolicyKey, input: unknown): Promise<T> {
  const reply = await callServerAction(request, key, input);
  expect(reply, key).toMatchObject({ ok: true });
  return (reply as { data: T }).data;
}

// ---------------------------------------------------------------------------------------------
// One call of one entry as one caller, and what came back.

function redirectTarget(response: APIResponse, body: string): string | null {
  const location = response.headers()['location'];
  if (response.status() >= 300 && response.status() < 400 && location) return new URL(location, baseURL).pathname + new URL(location, baseURL).search;
  // Inside a loading boundary the page is already streaming: Next redirects with a meta refresh.
  const meta = /<meta[^>]+http-equiv="refresh"[^>]+content="\d+;\s*url=([^"]+)"/i.exec(body);
  return meta ? meta[1].replace(/&amp;/g, '&') : null;
}

async function observe(request: APIRequestContext, kind: PolicyKind, key: PolicyKey, policy: Policy, who: Caller, world: World): Promise<{ outcome: Outcome; detail: string; path: string }> {
  if (kind === 'action') {
    const reply = await callServerAction(request, key, null);
    const code = reply && !reply.ok ? reply.error?.code : undefined;
    const outcome: Outcome = code === 'unauthenticated' ? 'unauthenticated' : code === 'forbidden' ? 'forbidden' : code === 'impersonating' ? 'impersonation-refused' : 'allowed';
    return { outcome, detail: JSON.stringify(reply)?.slice(0, 200) ?? 'undefined', path: key };
  }
  const [method, pattern] = kind === 'page' ? ['GET', key] : key.split(' ');
  const urlPath = fillPattern(key, pattern, world);
  const url = urlPath + (kind === 'route' ? sampleQuery(key, world) : '');
  const headers: Record<string, string> = who.machine ? { authorization: `Bearer ${platformKey}`, 'x-internal-token': internalToken() } : {};
  const response =
    method === 'GET'
      ? await request.get(url, { headers, maxRedirects: 0 })
      : await request.fetch(url, { method, headers: { ...headers, 'content-type': 'application/json' }, data: JSON.stringify(SAMPLE_BODIES[key] ?? {}), maxRedirects: 0 });
  const status = response.status();
  const body = (response.headers()['content-type'] ?? '').match(/json|html|text/) ? await response.text() : '';
  const detail = `${method} ${url} → ${status} ${body.slice(0, 160)}`;
  expect(status, `never a 5xx: ${detail}`).toBeLessThan(500);
  if (kind === 'page') {
    const target = redirectTarget(response, body);
    if (target?.startsWith('/sign-in')) {
      expect(target, detail).toBe(`/sign-in?callbackUrl=${encodeURIComponent(urlPath)}`);
      return { outcome: 'unauthenticated', detail, path: urlPath };
    }
    if (target === '/welcome') return { outcome: 'to-welcome', detail, path: urlPath };
    if (target) return { outcome: 'allowed', detail: `${detail} (redirected to ${target})`, path: urlPath };
    if (status === 403) return { outcome: 'forbidden', detail, path: urlPath };
    if (status === 404) return { outcome: 'not-found', detail, path: urlPath };
    expect(status, detail).toBe(200);
    // Inside a loading boundary (e.g. /top-up/[paymentId] under /top-up/loading.tsx) the status is
    // sent before the page decides: Next streams the not-found / forbidden page with this marker.
    const fallback = /NEXT_HTTP_ERROR_FALLBACK;(403|404)/.exec(body)?.[1];
    if (fallback) return { outcome: fallback === '404' ? 'not-found' : 'forbidden', detail: `${detail} (streamed ${fallback})`, path: urlPath };
    if (policy.owns === 'charge-day') return { outcome: body.includes(DAY_LINE) ? 'allowed' : 'not-shown', detail, path: urlPath };
    return { outcome: 'allowed', detail, path: urlPath };
  }
  // An error answer is one JSON object; a JSON Lines export (several objects) is not parsed as one:
  // with two records or more it would not parse (the finance caller's flaky "after JSON at position …").
  const isJson = /^application\/json\b/.test(response.headers()['content-type'] ?? '');
  const code = isJson && body.startsWith('{') ? ((JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '') : '';
  if (status === 401) return { outcome: 'unauthenticated', detail, path: urlPath };
  if (status === 403) return { outcome: code === 'impersonating' ? 'impersonation-refused' : 'forbidden', detail, path: urlPath };
  if (status === 404 && policy.owns) return { outcome: 'not-found', detail, path: urlPath };
  if (status === 400 && code === 'invalid_signature') return { outcome: 'unsigned', detail, path: urlPath };
  // The owner's own object is there: exactly 200.
  if (policy.owns) expect(status, detail).toBe(200);
  return { outcome: 'allowed', detail, path: urlPath };
}

/** Runs every entry of the table (of the given kinds) as this caller; fails listing every mismatch. */
async function runColumn(request: APIRequestContext, who: Caller, world: World, kinds: PolicyKind[] = ['page', 'route', 'action']) {
  const mismatches: string[] = [];
  const seen: Array<{ key: PolicyKey; kind: PolicyKind; policy: Policy; outcome: Outcome; path: string }> = [];
  for (const { key, kind, policy } of policyEntries()) {
    if (!kinds.includes(kind)) continue;
    const expected = expectedOutcome(kind, policy, who);
    const observed = await observe(request, kind, key, policy, who, world);
    seen.push({ key, kind, policy, outcome: observed.outcome, path: observed.path });
    if (observed.outcome !== expected) mismatches.push(`${key} as ${who.name}: expected ${expected}, got ${observed.outcome} (${observed.detail})`);
  }
  expect(mismatches, `${mismatches.length} of ${seen.length} cases differ from lib/auth/policy.ts`).toEqual([]);
  return seen;
}

// ---------------------------------------------------------------------------------------------
// The world: an owner with a settled day of charges, an issued invoice and a started top-up.

async function signedIn(browser: Browser, username: string, options: { declare?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username, { declare: options.declare });
  await page.close();
  return context;
}

async function accountIdOf(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  await page.goto('/');
  const accountId = (await page.getByTestId('account-id').textContent())?.trim() ?? '';
  await page.close();
  expect(accountId).toMatch(/^A\d+$/);
  return accountId;
}

function serviceDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

async function makeWorld(browser: Browser, request: APIRequestContext, owner: BrowserContext, other: BrowserContext): Promise<World> {
  const accountId = await accountIdOf(owner);
  const otherAccountId = await accountIdOf(other);
  // 100 vCPU-hours yesterday, settled by the billing run: ¥12.72 on that day.
  const occurredAt = new Date(Date.now() - 24 * 3_600_000);
  const usage = await request.post('/api/v1/usage', {
    headers: { authorization: `Bearer ${platformKey}` },
    data: { events: [{ id: `matrix-${accountId}`, account: accountId, service: 'compute', quantity: '100', occurredAt: occurredAt.toISOString() }] },
  });
  expect(usage.status(), await usage.text()).toBe(202);
  const billing = await request.post('/api/internal/billing', { headers: { 'x-internal-token': internalToken() }, data: { now: new Date().toISOString() } });
  expect(billing.status(), await billing.text()).toBe(200);
  const chargeDay = serviceDay(occurredAt);
  const month = chargeDay.slice(0, 7);

  // An invoice for that month, requested by the owner and issued by finance.
  const title = await act<{ id: string }>(owner.request, 'lib/invoices/actions.ts#saveInvoiceTitle', { type: 'individual', name: 'Matrix Owner' });
  const preview = await owner.request.get(`/api/invoices/preview?${new URLSearchParams({ from: month, to: month })}`);
  expect(preview.status(), await preview.text()).toBe(200);
  const { grossFen } = (await preview.json()) as { grossFen: string };
  const requested = await act<{ invoiceId: string }>(owner.request, 'lib/invoices/actions.ts#requestInvoiceAction', {
    fromMonth: month,
    toMonth: month,
    titleId: title.id,
    kind: 'general',
    recipientEmails: 'owner@example.com',
    expectedGrossFen: grossFen,
  });
  const fiona = await signedIn(browser, 'fiona');
  await act(fiona.request, 'lib/invoices/actions.ts#issueInvoiceAction', { invoiceId: requested.invoiceId });
  await fiona.close();

  // A top-up started and left open: a payment and its sandbox checkout.
  const topUp = await act<{ paymentId: string; checkoutUrl: string }>(owner.request, 'lib/payments/actions.ts#startTopUpAction', { amount: '100.00' });
  const checkoutId = /sbx_[0-9a-f]{24}/.exec(topUp.checkoutUrl)?.[0] ?? '';
  expect(checkoutId).not.toBe('');

  // A top-up paid: the sandbox's signed confirmation, as the processor sends it.
  const paid = await act<{ paymentId: string; checkoutUrl: string }>(owner.request, 'lib/payments/actions.ts#startTopUpAction', { amount: '10.00' });
  const paidCheckout = /sbx_[0-9a-f]{24}/.exec(paid.checkoutUrl)?.[0] ?? '';
  const event = JSON.stringify({
    id: `evt_${paidCheckout}_succeeded`,
    type: 'payment.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: paidCheckout, reference: paid.paymentId, amount: 1000, currency: 'CNY', status: 'succeeded', failure_code: null } },
  });
  const confirmed = await request.post('/api/payments/webhook/sandbox', {
    headers: { 'content-type': 'application/json', 'sandbox-signature': signSandboxPayload(event, secrets().webhookSecret, Math.floor(Date.now() / 1000)) },
    data: event,
  });
  expect(confirmed.status(), await confirmed.text()).toBe(200);

  // A question about that day's charges.
  const asked = await act<{ caseId: string }>(owner.request, 'lib/support-cases/actions.ts#askQuestionAction', {
    charge: { kind: 'day', day: chargeDay },
    body: 'Policy matrix: why this charge?',
  });
  return { accountId, otherAccountId, paymentId: topUp.paymentId, paidPaymentId: paid.paymentId, checkoutId, invoiceId: requested.invoiceId, chargeDay, month, caseId: asked.caseId };
}

interface ExportedRecord {
  accountId: string;
  kind: string;
  impersonation: boolean;
  details: Record<string, unknown>;
}

async function activityOf(browser: Browser, accountId: string): Promise<ExportedRecord[]> {
  const fiona = await signedIn(browser, 'fiona');
  try {
    const response = await fiona.request.get(`/api/activity/export?${new URLSearchParams({ from: '2020-01-01', to: '2100-01-01', format: 'jsonl', account: accountId })}`);
    expect(response.status()).toBe(200);
    return (await response.text())
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ExportedRecord);
  } finally {
    await fiona.close();
  }
}

// ---------------------------------------------------------------------------------------------

test.describe('the authorization matrix (every entry of lib/auth/policy.ts × every caller)', () => {
  // Not serial: one column's mismatches don't hide the others' (after a failure the next worker makes its own world).
  let world: World;
  let owner: BrowserContext;
  let other: BrowserContext;
  /** Members of the owner's account with the other two roles, invited by the owner and accepted. */
  const members: Partial<Record<'billing' | 'viewer', BrowserContext>> = {};

  test.beforeAll(async ({ browser, playwright }) => {
    test.setTimeout(180_000);
    owner = await signedIn(browser, newUsername('matrix-owner'));
    other = await signedIn(browser, newUsername('matrix-other'));
    const request = await playwright.request.newContext({ baseURL });
    world = await makeWorld(browser, request, owner, other);
    await request.dispose();
    for (const role of ['billing', 'viewer'] as const) {
      const username = newUsername(`matrix-${role}`);
      const member = await signedIn(browser, username);
      const { url } = await act<{ url: string }>(owner.request, 'lib/members/actions.ts#inviteMemberAction', { email: `${username}@demo.test`, role });
      const token = url.split('/invitations/')[1];
      await act(member.request, 'lib/members/actions.ts#acceptInvitationAction', { token });
      expect(await accountIdOf(member)).toBe(world.accountId);
      members[role] = member;
    }
  });
  test.afterAll(async () => {
    await owner?.close();
    await other?.close();
    await members.billing?.close();
    await members.viewer?.close();
  });

  test('anonymous: pages send to sign-in and back, routes answer 401, actions say signed out; public entries open', async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    await runColumn(request, callers.anonymous, world);
    await request.dispose();
  });

  test('the platform key and the internal token open the machine and internal routes only', async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    await runColumn(request, callers.machine, world, ['page', 'route']);
    await request.dispose();
  });

  test('the customer: every customer entry, their own objects; staff entries 403', async () => {
    await runColumn(owner.request, callers.customer, world);
  });

  for (const role of ['billing', 'viewer'] as const) {
    test(`a ${role} member of the customer’s account: the entries of their role on the owner’s objects; the others 403`, async () => {
      const member = members[role];
      if (!member) throw new Error(`no ${role} member`);
      await runColumn(member.request, callers[role], world);
    });
  }

  test('another customer: the owner’s invoice PDF, payment and charge day are not theirs (404, nothing shown)', async () => {
    await runColumn(other.request, callers.other, world);
  });

  test('before the first-sign-in declaration only the terms, the declaration and the mailbox open', async ({ browser }) => {
    const undeclared = await signedIn(browser, newUsername('matrix-undeclared'), { declare: false });
    await runColumn(undeclared.request, callers.undeclared, world, ['page']);
    await undeclared.close();
  });

  for (const [role, username] of [
    ['support', 'sam'],
    ['finance', 'fiona'],
    ['admin', 'ada'],
  ] as const) {
    test(`${role} (${username}): their role's entries and the customer entries of their own account; other staff entries 403`, async ({ browser }) => {
      const staff = await signedIn(browser, username);
      await runColumn(staff.request, callers[role], world);
      await staff.close();
    });
  }

  test('support viewing as the customer: customer entries allowed and recorded, money and contact changes refused and recorded', async ({ browser }) => {
    const sam = await signedIn(browser, 'sam');
    const reason = `T-${Date.now().toString(36)} policy matrix`;
    await act(sam.request, 'lib/auth/actions.ts#startViewingAs', { accountId: world.accountId, reason });
    const seen = await runColumn(sam.request, callers.impersonating, world);
    await act(sam.request, 'lib/auth/actions.ts#endViewingAs', {});
    await sam.close();

    // The customer's activity log holds each page seen, each request and each refused attempt of this visit.
    const records = (await activityOf(browser, world.accountId)).filter((r) => r.impersonation && r.details.reason === reason);
    const has = (kind: string, field: 'path' | 'action', value: string) => records.some((r) => r.kind === kind && r.details[field] === value);
    const missing: string[] = [];
    for (const { key, kind, policy, path: visited } of seen) {
      if (policy.access.kind !== 'viewer') continue;
      if (policy.refuseWhileImpersonating) {
        if (!has('impersonated_action_refused', 'action', policy.refuseWhileImpersonating)) missing.push(`${key}: refused attempt "${policy.refuseWhileImpersonating}" not recorded`);
      } else if (kind === 'page' && !has('impersonated_page_view', 'path', visited)) missing.push(`${key}: page view of ${visited} not recorded`);
      else if (kind === 'route' && !has('impersonated_request', 'path', visited)) missing.push(`${key}: request of ${visited} not recorded`);
    }
    expect(missing).toEqual([]);
    // Staff pages seen during the visit are not the customer's business: none of them is in the log.
    const staffPaths = seen.filter((s) => s.policy.access.kind === 'staff' && s.kind !== 'action').map((s) => s.path);
    expect(records.filter((r) => staffPaths.includes(String(r.details.path)))).toEqual([]);
    expect(records.some((r) => r.kind === 'impersonation_start')).toBe(true);
  });
});
