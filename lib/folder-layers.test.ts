import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The areas of lib/ import one another one way: no folder cycle. Two kinds of file stand at the
 * request's edge, above every area, and are left out of the graph: the server actions
 * (`lib/<area>/actions.ts`, which call lib/auth's guard) and next-intl's request configuration
 * (`lib/i18n/request.ts`, which reads the viewer's language). Nothing in lib imports them. An
 * area's vocabulary (`vocabulary.ts`, `lib/members/roles.ts`) imports nothing, so an edge to it
 * carries no cycle either. Type-only imports are not edges.
 */

const LIB = path.resolve(import.meta.dirname);
const isEdgeFile = (rel: string) => /^[^/]+\/actions\.ts$/.test(rel) || rel === 'i18n/request.ts';
const isVocabulary = (rel: string) => /^[^/]+\/vocabulary\.ts$/.test(rel) || rel === 'members/roles.ts';

function sourceFiles(dir = LIB): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name) || entry.name === 'testing.ts') return [];
    return [path.relative(LIB, full)];
  });
}

/** The lib files a file imports at run time, as paths relative to lib/ (without extension). */
function runtimeImports(rel: string): string[] {
  const source = readFileSync(path.join(LIB, rel), 'utf8');
  const targets: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    const spec = match[1];
    if (spec.startsWith('@/lib/')) targets.push(spec.slice('@/lib/'.length));
    else if (spec.startsWith('.')) targets.push(path.relative(LIB, path.resolve(path.dirname(path.join(LIB, rel)), spec)));
  }
  return targets;
}

const areaOf = (rel: string) => (rel.includes('/') ? rel.split('/')[0] : null);
const withExtension = (target: string, files: Set<string>) => [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((f) => files.has(f)) ?? target;

describe('the folders of lib/', () => {
  const files = sourceFiles();
  const known = new Set(files);

  it('import one another without a cycle (server actions and the i18n request config are the edge)', () => {
    const edges = new Map<string, Map<string, string>>();
    for (const rel of files) {
      const from = areaOf(rel);
      if (!from || isEdgeFile(rel)) continue;
      for (const target of runtimeImports(rel).map((t) => withExtension(t, known))) {
        const to = areaOf(target);
        if (!to || to === from || isVocabulary(target)) continue;
        if (!edges.has(from)) edges.set(from, new Map());
        edges.get(from)!.set(to, `${rel} → ${target}`);
      }
    }
    // Depth-first search for a back edge; the cycle is reported with the imports that make it.
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (area: string) => {
      state.set(area, 'open');
      stack.push(area);
      for (const [next] of edges.get(area) ?? []) {
        if (state.get(next) === 'open') {
          const loop = [...stack.slice(stack.indexOf(next)), next];
          cycles.push(loop.slice(0, -1).map((a, i) => edges.get(a)!.get(loop[i + 1])!).join('; '));
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(area, 'done');
    };
    for (const area of [...edges.keys()].sort()) if (!state.has(area)) visit(area);
    expect(cycles).toEqual([]);
  });

  it('never import an edge file, and vocabularies import nothing', () => {
    const intoEdge = files.flatMap((rel) =>
      runtimeImports(rel)
        .map((t) => withExtension(t, known))
        .filter((t) => isEdgeFile(t))
        .map((t) => `${rel} → ${t}`),
    );
    expect(intoEdge).toEqual([]);
    const importingVocabularies = files.filter((rel) => isVocabulary(rel) && /^\s*import\s/m.test(readFileSync(path.join(LIB, rel), 'utf8')));
    expect(importingVocabularies).toEqual([]);
  });
});
