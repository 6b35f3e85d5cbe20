import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The browser never gets next-intl's client runtime (use-intl, intl-messageformat): client components
 * translate with components/shell/client-i18n.tsx. This walks every 'use client' file of app/ and
 * components/ and every module it imports (relative or `@/`; a 'use server' module's actions are only
 * references), and names each one importing `next-intl`.
 */

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? path.join(root, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Value imports (not `import type`), with their specifiers. */
function imports(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

describe('client bundles', () => {
  it('no client component, nor anything it imports, imports next-intl', () => {
    const clientFiles = ['app', 'components'].flatMap((dir) => sourceFiles(path.join(root, dir))).filter((file) => /^\s*['"]use client['"]/.test(readFileSync(file, 'utf8')));
    expect(clientFiles.length).toBeGreaterThan(20);
    const offenders = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string, chain: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      // A 'use server' module reaches the browser as references to its actions, not as code.
      if (chain.length > 0 && /^\s*['"]use server['"]/.test(source)) return;
      for (const specifier of imports(source)) {
        if (specifier === 'next-intl' || specifier.startsWith('next-intl/')) offenders.add([...chain, file].map((f) => path.relative(root, f)).join(' → '));
        const target = resolveImport(file, specifier);
        if (target) visit(target, [...chain, file]);
      }
    };
    for (const file of clientFiles) visit(file, []);
    expect([...offenders]).toEqual([]);
  });
});
