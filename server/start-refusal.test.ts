import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
/** Generous, for a loaded machine: the refusal itself comes before any build, database or Next.js. */
const GIVE_UP_MS = 60_000;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed because it was still running (it must exit by itself). */
  killed: boolean;
}

/** `npm start`'s real entry point (`tsx server/start.ts`) as a child process, with only `env` besides PATH and HOME. */
function startServer(env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/start.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, GIVE_UP_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

/** A data folder and a build folder that must still not exist afterwards: refused before writing or building anything. */
function untouchedFolders() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'portal-refusal-'));
  const distDir = path.relative(root, path.join(tmp, 'next-build'));
  return { dataDir: path.join(tmp, 'data'), distDir, distPath: path.join(root, distDir) };
}

describe('npm start refuses a production configuration with problems', () => {
  it('AUTH_OIDC_ISSUER without AUTH_OIDC_SECRET: exits non-zero, naming AUTH_OIDC_SECRET, before any build', async () => {
    const { dataDir, distDir, distPath } = untouchedFolders();
    const result = await startServer({
      DATA_DIR: dataDir,
      NEXT_DIST_DIR: distDir,
      PORT: '3102',
      AUTH_OIDC_ISSUER: 'https://id.example.com',
      AUTH_OIDC_ID: 'portal',
      PLATFORM_API_KEY: 'k'.repeat(40),
      AUTH_SECRET: 's'.repeat(40),
      APP_URL: 'https://portal.example.com',
      SMTP_URL: 'smtp://mail.example.com:587',
      SELLER_NAME: 'Real Cloud Ltd.',
      SELLER_TAX_ID: '91310000MA1FL0000X',
      SELLER_ADDRESS: '1 Real Road, Shanghai',
      SELLER_BANK: 'Real Bank 6222 1111',
    });
    expect(result.killed).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('refusing to start in production mode');
    expect(result.stderr).toMatch(/AUTH_OIDC_SECRET is missing/);
    expect(result.stdout).not.toMatch(/building/);
    expect(existsSync(distPath)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names every problem at once on stderr', async () => {
    const { dataDir, distDir, distPath } = untouchedFolders();
    const result = await startServer({ DATA_DIR: dataDir, NEXT_DIST_DIR: distDir, PORT: '3102', AUTH_OIDC_ISSUER: 'https://id.example.com' });
    expect(result.killed).toBe(false);
    expect(result.code).not.toBe(0);
    for (const name of ['AUTH_OIDC_ID', 'AUTH_OIDC_SECRET', 'No identity provider', 'PLATFORM_API_KEY', 'AUTH_SECRET', 'APP_URL', 'SMTP_URL', 'SELLER_NAME', 'SELLER_TAX_ID', 'SELLER_ADDRESS', 'SELLER_BANK']) {
      expect(result.stderr, name).toContain(name);
    }
    expect(result.stderr).toContain('PORTAL_MODE is unset and AUTH_OIDC_ISSUER is set');
    expect(existsSync(distPath)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
