import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';

/*
 * The data folder holds the embedded database and generated secrets (session secret, signing
 * keys, the internal token): only the portal's own user may read them. The modes are enforced on
 * every start, not only at creation, so a folder or file made by an older version, a restore or
 * a lax umask is tightened too.
 */

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

function tighten(target: string, mode: number): void {
  if ((statSync(target).mode & 0o777) !== mode) chmodSync(target, mode);
}

/** Creates the folder (and missing parents) as 0700, or tightens an existing one to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Writes a secret file readable by the owner only, also when it already existed with another mode. */
export function writePrivateFile(file: string, data: string): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  tighten(file, PRIVATE_FILE_MODE);
}

/** Tightens an existing secret file to 0600 (no-op when absent). */
export function ensurePrivateFile(file: string): void {
  if (existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}
