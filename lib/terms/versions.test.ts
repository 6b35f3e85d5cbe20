import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { selectCurrentVersion, versionStatus } from './versions';

const v = (number: number, effectiveAt: string) => ({ number, effectiveAt: new Date(effectiveAt) });

describe('selectCurrentVersion', () => {
  const versions = [v(1, '2026-11-25T16:00:00Z'), v(2, '2026-12-31T16:00:00Z')];

  it('is the newest version whose effective instant has come; a future version is not current yet', () => {
    expect(selectCurrentVersion(versions, new Date('2026-12-20T00:00:00Z'))?.number).toBe(1);
    expect(versionStatus(versions[1], versions[0], new Date('2026-12-20T00:00:00Z'))).toBe('upcoming');
    expect(selectCurrentVersion(versions, new Date('2026-12-31T15:59:59.999Z'))?.number).toBe(1);
    expect(selectCurrentVersion(versions, new Date('2026-12-31T16:00:00Z'))?.number).toBe(2);
    expect(versionStatus(versions[0], versions[1], new Date('2027-01-01T00:00:00Z'))).toBe('superseded');
  });

  it('is none before the first version takes effect', () => {
    expect(selectCurrentVersion(versions, new Date('2026-11-25T15:59:59Z'))).toBeNull();
    expect(selectCurrentVersion([], new Date())).toBeNull();
  });

  it('prefers the newer of two versions in force, whatever the order given', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([v(1, '2026-01-01T00:00:00Z'), v(2, '2026-02-01T00:00:00Z'), v(3, '2026-02-01T00:00:00Z'), v(4, '2027-01-01T00:00:00Z')], { minLength: 1 }), (subset) => {
        const now = new Date('2026-06-01T00:00:00Z');
        const inForce = subset.filter((x) => x.effectiveAt <= now).map((x) => x.number);
        expect(selectCurrentVersion(subset, now)?.number ?? null).toBe(inForce.length ? Math.max(...inForce) : null);
      }),
    );
  });
});
