import { z } from 'zod';
import type { PortalConfig } from '@/lib/config';
import { parseYuanToFen } from '@/lib/money';

/** Per-top-up limits in fen (configuration: TOPUP_MIN_FEN, TOPUP_MAX_FEN; default ¥1.00–¥50,000.00). */
export interface TopUpLimits {
  minFen: bigint;
  maxFen: bigint;
}

export function topUpLimits(cfg: Pick<PortalConfig, 'topUpMinFen' | 'topUpMaxFen'>): TopUpLimits {
  return { minFen: cfg.topUpMinFen, maxFen: cfg.topUpMaxFen };
}

export type TopUpAmountProblem = 'not_a_number' | 'below_min' | 'above_max';

/**
 * An amount typed by a customer, in yuan with at most two decimals ("100", "100.5", "¥1,000.00"),
 * to fen; anything else is `not_a_number`, never rounded.
 */
export function checkTopUpAmount(typed: string, limits: TopUpLimits): { ok: true; amountFen: bigint } | { ok: false; problem: TopUpAmountProblem } {
  const text = typed.trim().replace(/^[¥￥]\s*/, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  const fen = text === '' ? null : parseYuanToFen(text);
  if (fen === null) return { ok: false, problem: 'not_a_number' };
  if (fen < limits.minFen) return { ok: false, problem: 'below_min' };
  if (fen > limits.maxFen) return { ok: false, problem: 'above_max' };
  return { ok: true, amountFen: fen };
}

/** The zod schema of the top-up form: `{ amount }` → `{ amountFen }`, with the caller's messages per problem. */
export function topUpRequestSchema(limits: TopUpLimits, messages: Record<TopUpAmountProblem, string>) {
  return z.object({
    amount: z
      .string({ error: messages.not_a_number })
      .max(40, { error: messages.not_a_number })
      .transform((typed, ctx) => {
        const checked = checkTopUpAmount(typed, limits);
        if (checked.ok) return checked.amountFen;
        ctx.addIssue({ code: 'custom', message: messages[checked.problem] });
        return z.NEVER;
      }),
  });
}

const PRESETS_FEN = [5_000n, 10_000n, 50_000n, 100_000n, 500_000n];

/** Preset amounts offered on the page (those inside the limits). */
export function presetAmountsFen(limits: TopUpLimits): bigint[] {
  return PRESETS_FEN.filter((fen) => fen >= limits.minFen && fen <= limits.maxFen);
}

/**
 * The smallest top-up that brings a negative balance back to ≥ 0 (which reinstates a suspended
 * account), but never less than the minimum top-up; null when the balance is not negative.
 */
export function amountToReinstateFen(balanceFen: bigint, limits: TopUpLimits): bigint | null {
  if (balanceFen >= 0n) return null;
  const arrears = -balanceFen;
  return arrears < limits.minFen ? limits.minFen : arrears;
}

/**
 * The top-up form with a choice of provider: `{ provider, amount }` → `{ provider, amountFen }`,
 * the amount checked against the chosen provider's own limits (messages built per limits). A
 * provider not offered is an error on the `provider` field.
 */
export function topUpChoiceSchema<P extends string>(
  offered: ReadonlyArray<{ name: P; limits: TopUpLimits }>,
  messages: (limits: TopUpLimits) => Record<TopUpAmountProblem, string>,
  unknownProvider: string,
) {
  return z
    .object({
      provider: z.string({ error: unknownProvider }).max(20, { error: unknownProvider }).optional(),
      amount: z.string({ error: messages(offered[0]?.limits ?? { minFen: 0n, maxFen: 0n }).not_a_number }).max(40),
    })
    .transform((input, ctx) => {
      const chosen = offered.find((p) => p.name === (input.provider ?? offered[0]?.name));
      if (!chosen) {
        ctx.addIssue({ code: 'custom', path: ['provider'], message: unknownProvider });
        return z.NEVER;
      }
      const checked = checkTopUpAmount(input.amount, chosen.limits);
      if (!checked.ok) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: messages(chosen.limits)[checked.problem] });
        return z.NEVER;
      }
      return { provider: chosen.name, limits: chosen.limits, amountFen: checked.amountFen };
    });
}
