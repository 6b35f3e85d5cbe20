import Decimal from 'decimal.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFrom } from '@/lib/config';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@/lib/db/testing';
import { runStartupTasks } from '@/server/startup-tasks';
import { DEMO_CATALOGUE as EXAMPLE_CATALOGUE } from '@/lib/demo/catalogue';
import { hasCatalogue, importCatalogue, parseCatalogueFile } from './catalogue-file';
import { loadCatalogue, resolveDayRate } from './rates';

const file = (value: unknown) => JSON.stringify(value);

describe('a catalogue file', () => {
  it('accepts the example the CLI prints', () => {
    expect(parseCatalogueFile(file(EXAMPLE_CATALOGUE))).toEqual({ ok: true, catalogue: EXAMPLE_CATALOGUE });
  });

  it('names each problem with where it is', () => {
    const bad = {
      services: [
        { id: 'compute', name: 'Compute', unit: 'vCPU-hour', sortOrder: 1, prices: [{ effectiveFrom: '2026-01-01', unitPrice: '0.1234567', taxCategory: 'it' }] },
        { id: 'compute', name: 'Again', unit: 'x', sortOrder: 2, prices: [{ effectiveFrom: '2026-13-01', unitPrice: '1', taxCategory: 'nope' }] },
      ],
      taxRules: [{ category: 'it', kind: 'vat', rate: '0.06', effectiveFrom: '2026-01-01' }],
    };
    const parsed = parseCatalogueFile(file(bad));
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems.join('\n');
    expect(problems).toContain('services.0.prices.0.unitPrice');
    expect(problems).toContain('services.1.prices.0.effectiveFrom');
    // Refinements run only on an otherwise valid file; check them on one.
    const dupes = parseCatalogueFile(
      file({ ...bad, services: [bad.services[0], bad.services[1]].map((s) => ({ ...s, prices: [{ effectiveFrom: '2026-01-01', unitPrice: '1', taxCategory: s.prices[0].taxCategory }] })) }),
    );
    expect(dupes.ok ? '' : dupes.problems.join('\n')).toMatch(/services\.1\.id: service "compute" is listed twice[\s\S]*services\.1\.prices\.0\.taxCategory: no tax rule for category "nope"/);
  });

  it('refuses text that is not JSON, or a file without services', () => {
    expect(parseCatalogueFile('{').ok).toBe(false);
    expect(parseCatalogueFile(file({ services: [], taxRules: EXAMPLE_CATALOGUE.taxRules })).ok).toBe(false);
  });
});

describe.each(testDatabaseKinds())('importing the catalogue on %s', (kind) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
  });
  afterEach(async () => t?.close());

  it('production start-up seeds no catalogue from code', async () => {
    const production = { ...configFrom({ AUTH_SECRET: 'x'.repeat(40) }), demoMode: false };
    await runStartupTasks(t.db, production, new Date('2026-11-30T00:00:00Z'));
    expect(await hasCatalogue(t.db)).toBe(false);
  });

  it('imports into an empty database, prices usage from it, and refuses a second import', async () => {
    const own = parseCatalogueFile(
      file({
        services: [{ id: 'gpu', name: 'GPU', unit: 'GPU-hour', sortOrder: 1, prices: [{ effectiveFrom: '2026-01-01', unitPrice: '9.5', taxCategory: 'it' }] }],
        taxRules: [{ category: 'it', kind: 'vat', rate: '0.06', effectiveFrom: '2026-01-01' }],
      }),
    );
    if (!own.ok) throw new Error(own.problems.join('; '));
    expect(await importCatalogue(t.db, own.catalogue)).toEqual({ imported: true });
    const rate = resolveDayRate(await loadCatalogue(t.db), 'gpu', '2026-11-30');
    expect(rate && [new Decimal(rate.unitPrice).toString(), new Decimal(rate.taxRate).toString()]).toEqual(['9.5', '0.06']);
    expect(await importCatalogue(t.db, EXAMPLE_CATALOGUE)).toEqual({ imported: false, reason: 'not_empty' });
    expect(resolveDayRate(await loadCatalogue(t.db), 'compute', '2026-11-30')).toBeNull();
  });
});
