import { z } from 'zod';

/**
 * The first-sign-in declaration (terms "Statement" 3): who the customer is, where they reside
 * (which governing-law paragraph applies), and that they accept the version in force.
 */
export const declarationSchema = z
  .object({
    /** `individual`: a natural person with full capacity for civil rights and civil conduct (choosing it declares that). */
    kind: z.enum(['individual', 'organization']),
    name: z.string().trim().min(1).max(200),
    /** Organization: the person declaring is authorized to act for it. */
    authorized: z.boolean(),
    residence: z.enum(['CN', 'other']),
    /** The version shown on the page; refused if another came into force meanwhile. */
    termsVersion: z.number().int().positive(),
    acceptTerms: z.literal(true),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'organization' && !value.authorized) ctx.addIssue({ code: 'custom', path: ['authorized'], message: 'required' });
  });

export type Declaration = z.infer<typeof declarationSchema>;
