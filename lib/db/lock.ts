import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { ensurePrivateDir } from '../config/private-files';

/**
 * PGlite takes no lock on its folder and two processes on one folder corrupt it, so the
 * portal takes one: a lock file holding the owner's pid. A lock whose process is gone is stale.
 */
export interface DataDirLockHolder {
  pid: number;
  host: string;
  startedAt: string;
  purpose: string;
  /** The HTTP port of a server holding the folder, so CLIs can go through it. */
  port?: number;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirLockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid} on ${holder.host} (${holder.purpose}` +
        `${holder.port ? `, serving port ${holder.port}` : ''}, since ${holder.startedAt}). ` +
        `The embedded database allows one process per folder: stop that process, or set DATA_DIR to another folder.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const lockPath = (dataDir: string) => path.join(dataDir, 'portal.lock');

/** The process runs (or runs as another user: EPERM), on this machine. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the folder, or null when it is free (a stale lock counts as free). */
export function readDataDirLock(dataDir: string): DataDirLockHolder | null {
  const file = lockPath(dataDir);
  if (!existsSync(file)) return null;
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as DataDirLockHolder;
    return holder.host === hostname() && !isAlive(holder.pid) ? null : holder;
  } catch {
    return null;
  }
}

/** Takes the folder for this process or throws DataDirLockedError. Returns the release function. */
export function acquireDataDirLock(dataDir: string, purpose: string, port?: number): () => void {
  ensurePrivateDir(dataDir);
  const file = lockPath(dataDir);
  const me: DataDirLockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), purpose, port };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(readFileSync(file, 'utf8')) as DataDirLockHolder;
          if (current.pid === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readDataDirLock(dataDir);
      if (holder) throw new DataDirLockedError(dataDir, holder);
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
