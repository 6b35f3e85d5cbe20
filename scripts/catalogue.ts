import { readFileSync } from 'node:fs';
import { config } from '@/lib/config';
import { openScriptDatabase } from '@/lib/db/script';
import { importCatalogue, parseCatalogueFile } from '@/lib/catalogue/catalogue-file';
import { DEMO_CATALOGUE } from '@/lib/demo/catalogue';

const usage = 'usage: npm run catalogue -- import FILE.json   (once, into an empty database)\n       npm run catalogue -- example          (prints a catalogue file to start from)';

/** The operator's catalogue: imported once in production, where nothing is seeded from code. */
async function main(): Promise<number> {
  const [verb, file] = process.argv.slice(2);
  if (verb === 'example' && !file) {
    console.log(JSON.stringify(DEMO_CATALOGUE, null, 2));
    return 0;
  }
  if (verb !== 'import' || !file) {
    console.error(usage);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const parsed = parseCatalogueFile(text);
  if (!parsed.ok) {
    console.error(`${file} is not a catalogue; nothing was imported:\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const opened = await openScriptDatabase('npm run catalogue');
  if (opened.kind === 'server') {
    console.error(
      `The portal server (process ${opened.server.pid}, port ${opened.server.port ?? '?'}) holds the embedded database in ${config().dataDir}. ` +
        'Stop it, run this command, then start it again (or use PostgreSQL via DATABASE_URL).',
    );
    return 1;
  }
  try {
    const result = await importCatalogue(opened.db, parsed.catalogue);
    if (!result.imported) {
      console.error('The database already has a catalogue; nothing was imported. Change prices and tax rules in /admin/prices.');
      return 1;
    }
    console.log(`Imported ${parsed.catalogue.services.length} services and ${parsed.catalogue.taxRules.length} tax rules.`);
    return 0;
  } finally {
    await opened.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
