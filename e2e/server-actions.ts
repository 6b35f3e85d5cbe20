import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

/*
 * Calling a server action by hand, the way a browser (or someone skipping the page) posts it: the
 * `Next-Action` id from the build's manifest, the input as the body. Used to show that the guard
 * refuses what the page doesn't offer.
 */

const baseURL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
const distDir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next');

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

let manifest: { node: Record<string, ManifestEntry> } | null = null;

/** `file#export` → the action id and a static page whose bundle has it. */
function actionIdFor(key: string): { id: string; page: string } {
  manifest ??= JSON.parse(readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, ManifestEntry> };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName || `${entry.filename.replace(/^\.\//, '')}#${entry.exportedName}` !== key) continue;
    const pages = Object.keys(entry.workers)
      .filter((w) => w.endsWith('/page'))
      .map((w) => w.replace(/^app\//, '').replace(/\/?page$/, '').split('/').filter((s) => s && !(s.startsWith('(') && s.endsWith(')'))))
      .sort((a, b) => Number(a.some((s) => s.startsWith('['))) - Number(b.some((s) => s.startsWith('['))));
    return { id, page: `/${(pages[0] ?? []).map((s) => (s.startsWith('[') ? 'x' : s)).join('/')}` };
  }
  throw new Error(`No server action "${key}" in ${distDir}/server/server-reference-manifest.json`);
}

export type ActionReply = { ok: true; data?: unknown } | { ok: false; error?: { code: string; message: string } } | undefined;

/** Posts the action with this input and returns its `{ ok, … }` result. */
export async function callServerAction(request: APIRequestContext, key: string, input: unknown): Promise<ActionReply> {
  const { id, page } = actionIdFor(key);
  const response = await request.post(page, {
    headers: { 'Next-Action': id, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8', Origin: baseURL },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  expect(response.status(), `${key}: HTTP status of the action call`).toBe(200);
  const rows = new Map<string, string>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1], match[2]);
  }
  const answer = (JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null)?.a;
  if (answer === '$undefined' || answer === undefined) return undefined;
  if (typeof answer === 'string' && answer.startsWith('$@')) return JSON.parse(rows.get(answer.slice(2)) ?? 'null') as ActionReply;
  return answer as ActionReply;
}
