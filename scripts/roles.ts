import { config } from '@/lib/config';
import { staffRoles, type StaffRole } from '@/lib/db/schema';
import { openScriptDatabase } from '@/lib/db/script';
import { setStaffRole, UnknownUserError } from '@/lib/accounts/customer-accounts';

const usage = 'usage: npm run roles -- grant|revoke support|finance|admin EMAIL';

async function main(): Promise<number> {
  const [verb, role, email] = process.argv.slice(2);
  if ((verb !== 'grant' && verb !== 'revoke') || !staffRoles.includes(role as StaffRole) || !email?.includes('@')) {
    console.error(usage);
    return 2;
  }
  const opened = await openScriptDatabase('npm run roles');
  if (opened.kind === 'server') {
    console.error(
      `The portal server (process ${opened.server.pid}, port ${opened.server.port ?? '?'}) holds the embedded database in ${config().dataDir}. ` +
        'Stop it, run this command, then start it again (or use PostgreSQL via DATABASE_URL).',
    );
    return 1;
  }
  try {
    await setStaffRole(opened.db, { email, role: role as StaffRole, grant: verb === 'grant', now: new Date() });
    console.log(`${verb === 'grant' ? 'Granted' : 'Revoked'} ${role} ${verb === 'grant' ? 'to' : 'from'} ${email}`);
    return 0;
  } catch (error) {
    if (error instanceof UnknownUserError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await opened.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
