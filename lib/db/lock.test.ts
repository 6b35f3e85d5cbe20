import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, readDataDirLock } from './lock';

describe('data folder lock', () => {
  it('refuses a second process with a message naming the holder, and frees the folder when it exits', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portal-lock-'));
    const script = `
      const { acquireDataDirLock } = await import(${JSON.stringify(path.resolve('lib/db/lock.ts'))});
      acquireDataDirLock(${JSON.stringify(dir)}, 'portal server', 4321);
      console.log('locked');
      setTimeout(() => {}, 60000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    let error: unknown;
    try {
      acquireDataDirLock(dir, 'second server');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`process ${child.pid}`);
    expect((error as Error).message).toContain('serving port 4321');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The holder died without releasing: the lock is stale and the next process may take it.
    expect(readDataDirLock(dir)).toBeNull();
    const release = acquireDataDirLock(dir, 'third');
    expect(readDataDirLock(dir)?.pid).toBe(process.pid);
    release();
    expect(existsSync(path.join(dir, 'portal.lock'))).toBe(false);
  });

  it('treats an unreadable lock file as free', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'portal-lock-'));
    writeFileSync(path.join(dir, 'portal.lock'), 'garbage');
    expect(readDataDirLock(dir)).toBeNull();
  });
});
