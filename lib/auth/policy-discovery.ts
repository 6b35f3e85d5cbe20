import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { policies, type Access, type PolicyKind } from './policy';

/*
 * Finds every page, route handler (per exported HTTP method) and server action in the source
 * tree, so the policy table can be checked against what exists. Static: reads files, runs nothing.
 */

export interface Discovered {
  key: string;
  kind: PolicyKind;
  /** Path from the project root, with forward slashes. */
  file: string;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/** Where 'use server' files may live (pages and routes only ever live in app/). */
const ACTION_DIRS = ['app', 'lib', 'components'];
const SKIP_DIRS = new Set(['node_modules']);

function walk(root: string, dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(root, rel, out);
    } else out.push(rel);
  }
}

/** `app/(portal)/charges/day/[day]/page.tsx` → `/charges/day/[day]`: route groups and private folders are not in the URL. */
export function routePattern(file: string): string {
  const segments = path.posix.dirname(file).split('/').slice(1);
  const visible = segments.filter((s) => !(s.startsWith('(') && s.endsWith(')')) && !s.startsWith('@'));
  return `/${visible.join('/')}`;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The names a module exports as values (types and interfaces are not callable from outside). */
export function exportedValueNames(source: string, fileName = 'module.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement)) {
      names.push(statement.name ? statement.name.text : 'default');
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.push(element.name.text);
    } else if (ts.isExportAssignment(statement)) {
      names.push('default');
    }
  }
  return names;
}

/** A file whose first statement is the 'use server' directive: every export is a server action. */
export function isUseServerFile(source: string): boolean {
  const file = ts.createSourceFile('m.ts', source, ts.ScriptTarget.Latest, false);
  const first = file.statements[0];
  return Boolean(first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server');
}

const MACHINE_API_ROUTER = 'lib/machine-api/router.ts';

/** Every page, route method and server action under `root`. */
export function discoverEndpoints(root: string): Discovered[] {
  const found: Discovered[] = [];
  const appFiles: string[] = [];
  walk(root, 'app', appFiles);
  for (const file of appFiles) {
    const base = path.posix.basename(file);
    if (/^page\.(tsx|ts|jsx|js)$/.test(base)) found.push({ key: routePattern(file), kind: 'page', file });
    if (/^route\.(ts|js)$/.test(base)) {
      const methods = exportedValueNames(readFileSync(path.join(root, file), 'utf8'), file).filter((name) => HTTP_METHODS.includes(name));
      for (const method of methods) found.push({ key: `${method} ${routePattern(file)}`, kind: 'route', file });
    }
  }
  // The machine API is served by its own router (lib/machine-api/router.ts) before Next.js: its routes too.
  const routerFile = path.join(root, MACHINE_API_ROUTER);
  const routerSource = existsSync(routerFile) ? readFileSync(routerFile, 'utf8') : '';
  for (const m of routerSource.matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)) {
    const pattern = `/api/v1${m[2].replace(/:([A-Za-z]+)/g, '[$1]')}`;
    found.push({ key: `${m[1].toUpperCase()} ${pattern}`, kind: 'route', file: MACHINE_API_ROUTER });
  }
  const sourceFiles: string[] = [];
  for (const dir of ACTION_DIRS) walk(root, dir, sourceFiles);
  for (const file of sourceFiles) {
    if (!/\.(ts|tsx)$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
    const source = readFileSync(path.join(root, file), 'utf8');
    if (!source.includes('use server') || !isUseServerFile(source)) continue;
    for (const name of exportedValueNames(source, file)) found.push({ key: `${file}#${name}`, kind: 'action', file });
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}

/** The guard functions a file of this kind may use for an entry of this access. */
export function guardFunctionsFor(kind: PolicyKind, access: Access['kind']): string[] {
  const signedIn = access === 'viewer' || access === 'staff';
  if (kind === 'page') return signedIn ? ['requireViewer'] : access === 'anyone' ? ['openToAnyone'] : [];
  if (kind === 'action') return signedIn ? ['viewerAction'] : access === 'anyone' ? ['openToAnyone'] : [];
  if (signedIn) return ['viewerRoute'];
  if (access === 'anyone' || access === 'signature') return ['publicRoute'];
  if (access === 'platform') return ['withPlatformKey', 'platformKeyGuard'];
  return ['withInternalToken'];
}

const GUARD_CALL = /\b(requireViewer|openToAnyone|viewerAction|viewerRoute|publicRoute|withPlatformKey|platformKeyGuard|withInternalToken)\s*(?:<[^(]*?>)?\(\s*(?:\{\s*policy:\s*)?'([^']+)'/g;

/** The guard calls in a source file that name a policy key: `[guard function, key]`. */
export function guardCalls(source: string): Array<{ guard: string; key: string }> {
  return [...source.matchAll(GUARD_CALL)].map((m) => ({ guard: m[1], key: m[2] }));
}

/** Every problem between the table and the tree, one message each (empty: they agree). */
export function policyProblems(root: string): string[] {
  const problems: string[] = [];
  const discovered = discoverEndpoints(root);
  const table = policies as Record<string, { access: Access }>;
  const known = new Set(discovered.map((d) => d.key));
  for (const item of discovered) {
    if (!table[item.key]) problems.push(`${item.kind} "${item.key}" (${item.file}) has no entry in lib/auth/policy.ts`);
  }
  for (const key of Object.keys(table)) {
    if (!known.has(key)) problems.push(`lib/auth/policy.ts has an entry for "${key}", which no longer exists`);
  }
  const byFile = new Map<string, Discovered[]>();
  for (const item of discovered) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  for (const [file, items] of byFile) {
    const calls = guardCalls(readFileSync(path.join(root, file), 'utf8'));
    const own = new Set(items.map((i) => i.key));
    for (const call of calls) {
      if (!own.has(call.key)) problems.push(`${file} calls ${call.guard} with "${call.key}", which is not this file's key`);
    }
    for (const item of items) {
      const policy = table[item.key];
      if (!policy) continue;
      const allowed = guardFunctionsFor(item.kind, policy.access.kind);
      if (!calls.some((c) => c.key === item.key && allowed.includes(c.guard))) {
        problems.push(`${file} does not go through the guard with its key: expected ${allowed.join(' or ') || '(no guard for this access)'}('${item.key}')`);
      }
    }
  }
  return problems;
}

