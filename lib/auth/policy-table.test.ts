import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withInternalToken, withPlatformKey } from './platform';
import { policyEntries } from './policy';
import { discoverEndpoints, exportedValueNames, guardCalls, policyProblems, routePattern } from './policy-discovery';

/*
 * The one authorization table against the source tree: every page, route method and server action
 * has an entry, every entry still exists, and every file goes through the guard with its own key.
 * A new route without a policy fails here (and so fails `npm test`).
 */

const root = path.resolve(import.meta.dirname, '../..');

describe('the policy table (lib/auth/policy.ts)', () => {
  it('has an entry for every page, route handler and server action, and nothing else; each file names its key in the right guard', () => {
    expect(policyProblems(root)).toEqual([]);
  });

  it('finds the pages, route methods and actions it should (the walk itself works)', () => {
    const keys = discoverEndpoints(root).map((d) => d.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        '/',
        '/charges/day/[day]',
        '/sign-in',
        'GET /api/invoices/[id]/pdf',
        'GET /api/auth/[...nextauth]',
        'POST /api/auth/[...nextauth]',
        'POST /api/v1/usage',
        'lib/payments/actions.ts#startTopUpAction',
        'lib/auth/actions.ts#signOutOtherSessions',
      ]),
    );
    // Types exported from a 'use server' file are not actions.
    expect(keys).not.toContain('lib/payments/sandbox/actions.ts#SandboxStepResult');
  });

  it('each entry is coherent: impersonation, declaration and ownership flags only on customer entries', () => {
    for (const { key, kind, policy } of policyEntries()) {
      const customer = policy.access.kind === 'viewer';
      if (policy.refuseWhileImpersonating || policy.allowUndeclared || policy.owns || policy.activityName) expect(customer, key).toBe(true);
      if (policy.owns) expect(key, key).toMatch(/\[[^\]]+\]/);
      if (policy.access.kind === 'staff') expect(policy.access.roles.length, key).toBeGreaterThan(0);
      if (kind === 'page') expect(['anyone', 'viewer', 'staff'], key).toContain(policy.access.kind);
      if (kind === 'action') expect(['anyone', 'viewer', 'staff'], key).toContain(policy.access.kind);
    }
  });
});

describe('the guard takes the access from the table', () => {
  const handler = async () => new Response(null, { status: 204 });

  it('a machine guard refuses to wrap a route the table gives to someone else', () => {
    expect(() => withPlatformKey('GET /api/charges', handler)).toThrow('"GET /api/charges" is viewer in lib/auth/policy.ts, not platform');
    expect(() => withInternalToken('POST /api/v1/usage', handler)).toThrow('"POST /api/v1/usage" is platform in lib/auth/policy.ts, not internal');
    expect(() => withPlatformKey('POST /api/v1/usage', handler)).not.toThrow();
    expect(() => withInternalToken('POST /api/internal/billing', handler)).not.toThrow();
  });

  it('the platform key guard answers 401 without the key, before the handler runs', async () => {
    let ran = false;
    const route = withPlatformKey('POST /api/v1/usage', async () => {
      ran = true;
      return new Response(null, { status: 204 });
    });
    const response = await route(new Request('http://localhost/api/v1/usage', { method: 'POST', headers: { authorization: 'Bearer wrong' } }), {});
    expect(response.status).toBe(401);
    expect(ran).toBe(false);
  });
});

describe('discovery on a made-up tree', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-discovery-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  it('names each page, route method and action without an entry, each entry that is gone, and each file that skips the guard', () => {
    write('app/(portal)/charges/page.tsx', "export default async function P() { await requireViewer('/charges'); }");
    write('app/(portal)/secret/page.tsx', 'export default async function P() { return null; }');
    write('app/api/charges/route.ts', "export const GET = viewerRoute({ policy: 'GET /api/charges' }, async () => new Response());\nexport async function DELETE() { return new Response(); }");
    write('lib/payments/actions.ts', "'use server';\nexport type R = { ok: true };\nexport async function startTopUpAction() { return viewerAction({ policy: 'lib/payments/actions.ts#startTopUpAction', schema })(1); }\nexport const sneaky = async () => 1;");
    write('lib/other/actions.ts', "'use server';\nexport async function unguarded() { return 1; }");
    write('app/api/v1/usage/route.ts', "export const POST = withPlatformKey('GET /api/charges', async () => new Response());");
    const problems = policyProblems(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        'page "/secret" (app/(portal)/secret/page.tsx) has no entry in lib/auth/policy.ts',
        'route "DELETE /api/charges" (app/api/charges/route.ts) has no entry in lib/auth/policy.ts',
        'action "lib/payments/actions.ts#sneaky" (lib/payments/actions.ts) has no entry in lib/auth/policy.ts',
        'action "lib/other/actions.ts#unguarded" (lib/other/actions.ts) has no entry in lib/auth/policy.ts',
        'lib/auth/policy.ts has an entry for "/", which no longer exists',
        'lib/auth/policy.ts has an entry for "GET /api/invoices/[id]/pdf", which no longer exists',
        'app/api/v1/usage/route.ts calls withPlatformKey with "GET /api/charges", which is not this file\'s key',
        "app/api/v1/usage/route.ts does not go through the guard with its key: expected withPlatformKey or platformKeyGuard('POST /api/v1/usage')",
      ]),
    );
    // The files that do name their key in the right guard are not reported.
    expect(problems.filter((p) => p.includes('app/(portal)/charges/page.tsx') || p.includes('#startTopUpAction"'))).toEqual([]);
    expect(problems.some((p) => p.includes('GET /api/charges') && p.includes('no entry'))).toBe(false);
  });

  it('maps files to URL patterns and reads exports and guard calls', () => {
    expect(routePattern('app/(portal)/page.tsx')).toBe('/');
    expect(routePattern('app/(portal)/support/customers/[accountId]/page.tsx')).toBe('/support/customers/[accountId]');
    expect(routePattern('app/api/auth/[...nextauth]/route.ts')).toBe('/api/auth/[...nextauth]');
    expect(exportedValueNames("async function h() {}\nexport { h as GET, h as POST };\nexport type T = 1;\nexport interface I {}\nexport const dynamic = 'force-dynamic';")).toEqual([
      'GET',
      'POST',
      'dynamic',
    ]);
    expect(guardCalls("viewerRoute<{ params: Promise<{ id: string }> }>({ policy: 'GET /api/x/[id]' }, h); requireViewer('/a'); withPlatformKey('POST /api/v1/y', h)")).toEqual([
      { guard: 'viewerRoute', key: 'GET /api/x/[id]' },
      { guard: 'requireViewer', key: '/a' },
      { guard: 'withPlatformKey', key: 'POST /api/v1/y' },
    ]);
  });
});
