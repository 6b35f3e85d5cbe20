import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';

const cursorText = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('history cursor', () => {
  it('round-trips every cursor the API can give out', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }),
        (date, micros, transferId) => {
          const effectiveAt = `${date.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
          expect(decodeHistoryCursor(encodeHistoryCursor({ effectiveAt, transferId }))).toEqual({ effectiveAt, transferId });
        },
      ),
    );
  });

  it('refuses a calendar-invalid instant and a transfer id beyond bigint (both were 500s from the database)', () => {
    expect(decodeHistoryCursor(cursorText('2026-02-30T00:00:00.000000Z|1'))).toBeNull();
    expect(decodeHistoryCursor(cursorText('2026-02-28T00:00:00.000000Z|9999999999999999999'))).toBeNull();
    expect(decodeHistoryCursor(cursorText('2026-02-28T00:00:00.000000Z|9223372036854775808'))).toBeNull();
    expect(decodeHistoryCursor(cursorText('2026-02-28T24:00:00.000000Z|1'))).toBeNull();
    expect(decodeHistoryCursor(cursorText('0000-01-01T00:00:00.000000Z|1'))).toBeNull();
    expect(decodeHistoryCursor(cursorText('2026-02-28T00:00:00.000000Z|9223372036854775807'))).not.toBeNull();
  });
});
