import { z } from 'zod';

const emailSchema = z.email();

export type EmailNormalisation = { ok: true; email: string } | { ok: false; reason: 'invalid' };

/** Trims and lower-cases an email address and checks its shape. */
export function normaliseEmail(input: string): EmailNormalisation {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !emailSchema.safeParse(email).success) return { ok: false, reason: 'invalid' };
  return { ok: true, email };
}
