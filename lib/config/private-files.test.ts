import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFrom } from './index';

const mode = (p: string) => statSync(p).mode & 0o777;
const env = (vars: Record<string, string>) => ({ NODE_ENV: 'test', ...vars }) as NodeJS.ProcessEnv;

describe('data folder permissions', () => {
  it('creates DATA_DIR 0700 and its secrets file 0600', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'portal-perm-')), 'data');
    configFrom(env({ DATA_DIR: dataDir }));
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'secrets.json'))).toBe(0o600);
  });

  it('tightens a folder and secrets file that already exist with looser modes', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-perm-'));
    chmodSync(dataDir, 0o755);
    const first = configFrom(env({ DATA_DIR: dataDir }));
    const secrets = path.join(dataDir, 'secrets.json');
    chmodSync(secrets, 0o644);
    chmodSync(dataDir, 0o777);
    const again = configFrom(env({ DATA_DIR: dataDir }));
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(secrets)).toBe(0o600);
    expect(again.authSecret).toBe(first.authSecret);
  });

  it('keeps secrets a former version wrote, tightening their file', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-perm-'));
    writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify({ authSecret: 'kept-secret-value-0123456789' }), { mode: 0o644 });
    expect(configFrom(env({ DATA_DIR: dataDir })).authSecret).toBe('kept-secret-value-0123456789');
    expect(mode(path.join(dataDir, 'secrets.json'))).toBe(0o600);
  });

  it('TRUST_PROXY is a whole number of proxies, 0 when unset', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-perm-'));
    expect(configFrom(env({ DATA_DIR: dataDir })).trustProxy).toBe(0);
    expect(configFrom(env({ DATA_DIR: dataDir, TRUST_PROXY: '2' })).trustProxy).toBe(2);
    expect(() => configFrom(env({ DATA_DIR: dataDir, TRUST_PROXY: 'yes' }))).toThrow(/TRUST_PROXY/);
    expect(() => configFrom(env({ DATA_DIR: dataDir, TRUST_PROXY: '-1' }))).toThrow(/TRUST_PROXY/);
  });
});
