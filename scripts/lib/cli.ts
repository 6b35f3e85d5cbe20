/** What the command-line scripts (scripts/*.ts) share: running `main`, their file argument, and the database a command works on. */
import path from 'node:path';
import { config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { openScriptDatabase } from '@/lib/db/script';

/** Runs a script's `main` and exits with its status; an error thrown is printed (or only its message) and exits 1. */
export function runMain(main: () => Promise<number>, opts: { errorMessageOnly?: boolean } = {}): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(opts.errorMessageOnly && error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/** The one FILE argument of a command (absolute), or null after printing `usage` (exit status 2). */
export function fileArgument(usage: string): string | null {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error(usage);
    return null;
  }
  return path.resolve(args[0]);
}

/**
 * Runs `work` on the database (closed afterwards). While the portal server holds the embedded
 * database, says so and returns 1: the command changes what the server has open.
 */
export async function withScriptDatabase(purpose: string, work: (db: Db) => Promise<number>): Promise<number> {
  const opened = await openScriptDatabase(purpose);
  if (opened.kind === 'server') {
    console.error(
      `The portal server (process ${opened.server.pid}, port ${opened.server.port ?? '?'}) holds the embedded database in ${config().dataDir}. ` +
        'Stop it, run this command, then start it again (or use PostgreSQL via DATABASE_URL).',
    );
    return 1;
  }
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}
