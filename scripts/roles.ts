import { staffRoles, type StaffRole } from '@/lib/db/schema';
import { setStaffRole, UnknownUserError } from '@/lib/accounts/customer-accounts';
import { runMain, withScriptDatabase } from './lib/cli';

const usage = 'usage: npm run roles -- grant|revoke support|finance|admin EMAIL';

async function main(): Promise<number> {
  const [verb, role, email] = process.argv.slice(2);
  if ((verb !== 'grant' && verb !== 'revoke') || !staffRoles.includes(role as StaffRole) || !email?.includes('@')) {
    console.error(usage);
    return 2;
  }
  return withScriptDatabase('npm run roles', async (db) => {
    try {
      await setStaffRole(db, { email, role: role as StaffRole, grant: verb === 'grant', now: new Date() });
      console.log(`${verb === 'grant' ? 'Granted' : 'Revoked'} ${role} ${verb === 'grant' ? 'to' : 'from'} ${email}`);
      return 0;
    } catch (error) {
      if (error instanceof UnknownUserError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  });
}

runMain(main);
