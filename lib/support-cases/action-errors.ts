import { getLocale, getTranslations } from 'next-intl/server';
import { ActionError } from '@/lib/auth/guard';
import { formatCny } from '@/lib/money';
import { AdjustmentAboveDisputedError } from './adjustments';
import { SupportCaseError } from './rules';

/**
 * Turns a refused question, answer or adjustment into the action's error in the user's language
 * (messages `supportCases.errors.<code>`), next to its field when it has one. Anything else is rethrown.
 */
export async function asActionError(error: unknown): Promise<never> {
  if (!(error instanceof SupportCaseError)) throw error;
  const t = await getTranslations('supportCases.errors');
  const message =
    error instanceof AdjustmentAboveDisputedError ? t('amount_above_disputed', { max: formatCny(error.maxFen, await getLocale()) }) : t(error.code, { max: '' });
  throw new ActionError(error.code, message, error.field ? { [error.field]: message } : undefined);
}
