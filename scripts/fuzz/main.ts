/**
 * `node --import tsx scripts/fuzz/main.ts [--cases N] [--seed S]`: the HTTP fuzz against a portal
 * it starts itself (see http-fuzz.ts). Prints the summary, then one `FUZZ_SUMMARY {json}` line;
 * exits 1 when a request got a 5xx, a refused request wrote, or a request got no answer.
 */
import { formatFuzzSummary, runHttpFuzz } from './http-fuzz';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export async function main(defaultCases: number): Promise<void> {
  const cases = Number(option('cases') ?? process.env.FUZZ_CASES ?? defaultCases);
  const seedText = option('seed') ?? process.env.FUZZ_SEED;
  if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases: a whole number of at least 1');
  const summary = await runHttpFuzz({ cases, seed: seedText === undefined ? undefined : Number(seedText), log: (line) => console.log(line) });
  console.log(formatFuzzSummary(summary));
  console.log(`FUZZ_SUMMARY ${JSON.stringify(summary)}`);
  const failed = summary.serverErrors.length + summary.writesOnRefused.length + summary.transportErrors.length;
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(2000).catch((error: unknown) => {
    console.error('[fuzz] failed:', error);
    process.exit(2);
  });
}
