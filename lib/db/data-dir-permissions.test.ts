import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeRawConnection, openRawConnection } from './client';
import { acquireDataDirLock } from './lock';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('embedded database folder permissions', () => {
  it('the lock creates the data folder 0700', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'portal-dbperm-')), 'data');
    const release = acquireDataDirLock(dataDir, 'test');
    expect(mode(dataDir)).toBe(0o700);
    release();
  });

  it('the database folder is 0700, also when it existed with a looser mode', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-dbperm-'));
    chmodSync(dataDir, 0o755);
    mkdirSync(path.join(dataDir, 'pglite'), { mode: 0o775 });
    const raw = await openRawConnection({ databaseUrl: null, dataDir });
    await closeRawConnection(raw);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'pglite'))).toBe(0o700);
  }, 240_000);
});
