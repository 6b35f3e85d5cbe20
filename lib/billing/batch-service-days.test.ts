import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchServiceDays } from './batch-service-days';
import { LATE_MARGIN_MS } from './rules';
import { dayEnd, serviceDayOf } from './service-day';

describe('batchServiceDays', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'])(
    'gives the same service day and late flag as the per-event calculation (%s)',
    (timeZone) => {
      const base = Date.UTC(2026, 2, 1);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 400 * 86_400_000 }), { minLength: 1, maxLength: 40 }),
          fc.integer({ min: 0, max: 400 * 86_400_000 }),
          (offsets, nowOffset) => {
            const now = new Date(base + nowOffset);
            const dayOf = batchServiceDays({ now, timeZone });
            for (const offset of offsets) {
              const at = new Date(base + offset);
              const serviceDay = serviceDayOf(at, timeZone);
              expect(dayOf(at)).toEqual({ serviceDay, late: dayEnd(serviceDay, timeZone).getTime() <= now.getTime() + LATE_MARGIN_MS });
            }
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
