import { readFileSync } from 'node:fs';
import { importCatalogue, parseCatalogueFile } from '@/lib/catalogue/catalogue-file';
import { DEMO_CATALOGUE } from '@/lib/demo/catalogue';
import { runMain, withScriptDatabase } from './lib/cli';

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
  return withScriptDatabase('npm run catalogue', async (db) => {
    const result = await importCatalogue(db, parsed.catalogue);
    if (!result.imported) {
      console.error('The database already has a catalogue; nothing was imported. Change prices and tax rules in /admin/prices.');
      return 1;
    }
    console.log(`Imported ${parsed.catalogue.services.length} services and ${parsed.catalogue.taxRules.length} tax rules.`);
    return 0;
  });
}

runMain(main);
