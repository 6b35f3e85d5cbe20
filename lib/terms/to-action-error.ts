import { getTranslations } from 'next-intl/server';
import { DomainError } from '@/lib/errors';
import { TermsError, type TermsErrorCode } from './terms-error';

/**
 * Publishing terms: a TermsError becomes the user's message with its problems (`terms.problems.<code>`)
 * next to the field `fieldOf` names. Elsewhere a TermsError is a DomainError the guard answers as it is.
 */
export async function withTermsErrors<R>(run: () => Promise<R>, fieldOf?: (code: TermsErrorCode) => string | undefined): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof TermsError)) throw error;
    const t = await getTranslations('terms');
    const message = t(`errors.${error.code}`);
    const field = fieldOf?.(error.code);
    const detail = error.details.length ? error.details.map((code) => t(`problems.${code}`)).join('\n') : message;
    throw new DomainError(error.code, message, { fieldErrors: field ? { [field]: detail } : undefined });
  }
}
