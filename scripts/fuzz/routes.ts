import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The routes to fuzz, discovered from app/ the way Next.js reads it, so a new page or route
 * handler is fuzzed without anyone listing it: every page.tsx is a page (GET), every route.ts a
 * handler with the methods it exports.
 */

export type RoutePart = { kind: 'static'; text: string } | { kind: 'param'; name: string } | { kind: 'catchAll'; name: string; optional: boolean };

export interface DiscoveredRoute {
  kind: 'page' | 'handler';
  /** As written in app/ without route groups, e.g. `/charges/day/[day]`. */
  template: string;
  parts: RoutePart[];
  methods: string[];
  /** Query parameter names the route's source reads (a hint for the generator; others are sent too). */
  queryNames: string[];
  file: string;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function partOf(segment: string): RoutePart | null {
  if (/^\(.*\)$/.test(segment) || segment.startsWith('@')) return null; // route group or parallel slot: not in the URL
  const optional = /^\[\[\.\.\.(.+)\]\]$/.exec(segment);
  if (optional) return { kind: 'catchAll', name: optional[1], optional: true };
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(segment);
  if (catchAll) return { kind: 'catchAll', name: catchAll[1], optional: false };
  const param = /^\[(.+)\]$/.exec(segment);
  if (param) return { kind: 'param', name: param[1] };
  return { kind: 'static', text: segment };
}

/** Query names a source file reads: `searchParams.get('x')`, typed `searchParams` objects, `params.x` / `one('x')`. */
function queryNamesIn(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/\.get\('([A-Za-z_][\w-]*)'\)/g)) names.add(m[1]);
  for (const m of source.matchAll(/searchParams: Promise<\{([^}]*)\}>/g)) for (const k of m[1].matchAll(/([A-Za-z_]\w*)\??:/g)) names.add(k[1]);
  for (const m of source.matchAll(/type SearchParams = Promise<\{([^}]*)\}>/g)) for (const k of m[1].matchAll(/([A-Za-z_]\w*)\??:/g)) names.add(k[1]);
  for (const m of source.matchAll(/\bparams\.([A-Za-z_]\w*)/g)) names.add(m[1]);
  for (const m of source.matchAll(/\bone\('([A-Za-z_]\w*)'\)/g)) names.add(m[1]);
  return [...names];
}

/** Methods a route file exports: `export const GET`, `export async function POST`, `export { handler as GET }`. */
function methodsIn(source: string): string[] {
  const exportLists = [...source.matchAll(/export\s*\{([^}]*)\}/g)].map((m) => m[1]).join(',');
  return HTTP_METHODS.filter(
    (method) =>
      new RegExp(`export\\s+(?:async\\s+function|const|function)\\s+${method}\\b`).test(source) ||
      new RegExp(`(?:^|[\\s,])(?:\\w+\\s+as\\s+)?${method}\\s*(?:,|$)`).test(exportLists),
  );
}

export function discoverRoutes(appDir: string): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('_')) walk(full, [...segments, entry.name]); // _folders are private in Next.js
        continue;
      }
      const page = /^page\.(tsx|ts|jsx|js)$/.test(entry.name);
      const handler = /^route\.(ts|js)$/.test(entry.name);
      if (!page && !handler) continue;
      const parts = segments.map(partOf).filter((p): p is RoutePart => p !== null);
      const source = readFileSync(full, 'utf8');
      const template = `/${parts.map((p) => (p.kind === 'static' ? p.text : p.kind === 'param' ? `[${p.name}]` : `[...${p.name}]`)).join('/')}`;
      routes.push({
        kind: page ? 'page' : 'handler',
        template,
        parts,
        methods: page ? ['GET'] : methodsIn(source),
        queryNames: queryNamesIn(source),
        file: path.relative(path.dirname(appDir), full),
      });
    }
  };
  walk(appDir, []);
  routes.push(...machineApiRoutes(path.dirname(appDir)));
  return routes.sort((a, b) => a.template.localeCompare(b.template) || a.kind.localeCompare(b.kind));
}

/** The machine API's routes, served by its own router before Next.js (lib/machine-api/router.ts). */
function machineApiRoutes(root: string): DiscoveredRoute[] {
  const file = path.join(root, 'lib/machine-api/router.ts');
  if (!existsSync(file)) return [];
  const source = readFileSync(file, 'utf8');
  const byTemplate = new Map<string, DiscoveredRoute>();
  for (const m of source.matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
    const segments = ['api', 'v1', ...m[2].split('/').filter(Boolean).map((s) => s.replace(/^:(\w+)$/, '[$1]'))];
    const parts = segments.map(partOf).filter((p): p is RoutePart => p !== null);
    const template = `/${segments.join('/')}`;
    const route = byTemplate.get(template) ?? { kind: 'handler' as const, template, parts, methods: [], queryNames: queryNamesIn(source), file: 'lib/machine-api/router.ts' };
    route.methods.push(m[1].toUpperCase());
    byTemplate.set(template, route);
  }
  return [...byTemplate.values()];
}
