'use client';

import { useState } from 'react';

export interface SpendPeriodView {
  days: number;
  /** The button's text ("30 days"). */
  button: string;
  /** "Last 30 days: ¥…". */
  total: string;
  /** The chart and its table, rendered on the server. */
  body: React.ReactNode;
}

/** The one interactive part of the spending card: which period is shown. Everything else is drawn on the server. */
export function SpendPeriods({ label, periods }: { label: string; periods: SpendPeriodView[] }) {
  const [selected, setSelected] = useState(periods[0]?.days);
  const current = periods.find((p) => p.days === selected) ?? periods[0];
  if (!current) return null;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="spend-total">
          {current.total}
        </p>
        <div role="group" aria-label={label} className="inline-flex rounded-md border border-slate-300 dark:border-slate-600">
          {periods.map((p) => (
            <button
              key={p.days}
              type="button"
              aria-pressed={current.days === p.days}
              onClick={() => setSelected(p.days)}
              className={`px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md ${current.days === p.days ? 'bg-brand-600 text-white' : 'bg-white text-slate-800 hover:bg-slate-100 dark:bg-slate-800 dark:text-slate-100'}`}
            >
              {p.button}
            </button>
          ))}
        </div>
      </div>
      {current.body}
    </div>
  );
}
