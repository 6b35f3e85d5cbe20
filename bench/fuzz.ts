/**
 * `npm run bench -- fuzz`: the HTTP fuzz at full size — 100,000 generated requests (FUZZ_CASES to
 * change it, FUZZ_SEED to replay) to every page and route handler as every role, against a portal
 * started for the run. Prints cases, the 5xx count and writes on refused input (both must be 0).
 */
import { main } from '../scripts/fuzz/main';

await main(100_000);
