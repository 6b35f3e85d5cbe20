'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { viewerAction, type ActionResult } from '@/lib/auth/guard';
import { getDb } from '@/lib/db/client';
import { fenToDecimalString } from '@/lib/money';
import type { LowBalanceOutcome } from '@/lib/notices/low-balance';
import { parseLowBalanceThreshold, setLowBalanceThreshold } from '@/lib/overview/low-balance-threshold';

/**
 * The customer's low-balance alert threshold (empty: no alert). Saved, then evaluated against the
 * current balance at once, so a threshold above the balance alerts now (once). Refused while
 * support views as the customer: it changes how the customer is contacted about money.
 */
export async function saveLowBalanceThresholdAction(
  input: { threshold: string },
): Promise<ActionResult<{ threshold: string | null; outcome: LowBalanceOutcome; message: string }>> {
  const t = await getTranslations('overview.lowBalance');
  const schema = z.object({
    threshold: z
      .string()
      .max(40, { error: t('errors.notANumber') })
      .transform((typed, ctx) => {
        const parsed = parseLowBalanceThreshold(typed);
        if (parsed.ok) return parsed.thresholdFen;
        ctx.addIssue({ code: 'custom', message: parsed.problem === 'too_large' ? t('errors.tooLarge') : t('errors.notANumber') });
        return z.NEVER;
      }),
  });
  const run = viewerAction({ policy: 'lib/overview/actions.ts#saveLowBalanceThresholdAction', schema }, async ({ threshold }, viewer, actor) => {
    const outcome = await setLowBalanceThreshold(getDb(), {
      accountId: viewer.accountId,
      thresholdFen: threshold,
      now: new Date(),
      actor,
    });
    revalidatePath('/');
    const message = threshold === null ? t('cleared') : outcome === 'alerted' || outcome === 'still_below' ? t('alreadyBelow') : t('saved');
    return { threshold: threshold === null ? null : fenToDecimalString(threshold), outcome, message };
  });
  return run(input);
}
