import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from '@/lib/db/lock';

/** What a build depends on: every source and config file (names, sizes, mtimes) and the lockfile. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = ['package-lock.json', 'next.config.mjs', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts'];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!entry.name.endsWith('.test.ts')) out.push(full);
  }
}

export function sourceFingerprint(root: string): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const st = statSync(file);
    hash.update(`${path.relative(root, file)}:${st.size}:`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Several servers started at once on one checkout (instances on one host, the drills, the fuzz
 * beside the browser tests) must not run `next build` into one folder together: the first takes
 * this lock (a directory, created atomically, holding its pid), the others wait and then find the
 * build done. A lock whose process is gone is stale and taken over.
 */
function withBuildLock(root: string, distDir: string, work: () => void): void {
  const lock = path.join(root, `${distDir.replace(/[\\/]+$/, '')}.build-lock`);
  const owner = path.join(lock, 'pid');
  const giveUpAt = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(existsSync(owner) ? readFileSync(owner, 'utf8') : NaN);
      // No pid yet: its owner is between mkdir and write; give it a moment before calling it stale.
      if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > giveUpAt) throw new Error(`Another process has been building into ${distDir} for 30 minutes (lock ${lock})`);
      else sleepSync(500);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function isCurrentBuild(root: string, distDir: string, fingerprint: string): boolean {
  const stamp = path.join(root, distDir, 'portal-source-fingerprint');
  return existsSync(path.join(root, distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
}

/** Builds the app unless the build folder already holds a build of exactly these sources (one builder at a time). */
export function ensureBuild(root: string, distDir: string): void {
  const fingerprint = sourceFingerprint(root);
  if (isCurrentBuild(root, distDir, fingerprint)) return;
  withBuildLock(root, distDir, () => {
    // Another process may have built while this one waited for the lock.
    if (isCurrentBuild(root, distDir, fingerprint)) return;
    console.log(`[portal] building the app into ${distDir} (sources changed or no build yet)…`);
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
    writeFileSync(path.join(root, distDir, 'portal-source-fingerprint'), fingerprint);
  });
}
