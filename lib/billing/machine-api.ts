import { z } from 'zod';

/**
 * Request shapes of the machine API (CONTRACT.md), checked at the edge. Quantities are decimal
 * strings: a JSON number is refused naming the field, so no float ever reaches money.
 */
const decimalString = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a decimal string such as "12.5", not a JSON number') })
  .regex(/^\d{1,18}(\.\d{1,9})?$/, 'must be a non-negative decimal string such as "12.5" (at most 9 decimals)');

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 instant such as "2026-03-09T10:00:00+08:00"' });
const identifier = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const usageRequestSchema = z.object({
  events: z
    .array(
      z.object({
        id: identifier(200),
        account: identifier(64),
        service: identifier(64),
        quantity: decimalString,
        occurredAt: instant,
      }),
    )
    .min(1, 'must contain at least one event')
    .max(1000, 'at most 1,000 events per request'),
});

const incidentTitle = (language: string) => z.string().trim().min(1, `is required (the title in ${language})`).max(200, 'must be at most 200 characters');

/**
 * An incident, new or an update of one posted before by the same id. No `endedAt`: still ongoing
 * (`status` "investigating"); with `endedAt`: resolved. What an update may change is decided in
 * record-incident.ts.
 */
export const incidentRequestSchema = z.object({
  id: identifier(200),
  service: identifier(64),
  startedAt: instant,
  endedAt: instant.optional(),
  accounts: z.array(identifier(64)).min(1, 'must name at least one account when present').max(10_000).optional(),
  title: z.object({ en: incidentTitle('English'), zh: incidentTitle('Chinese') }).optional(),
  status: z.enum(['investigating', 'resolved'], { error: 'must be "investigating" or "resolved"' }).optional(),
});

export const accountLookupSchema = z.object({
  email: z.string().trim().min(3, 'is required').max(320).includes('@', { error: 'must be an email address' }),
});
