'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatYuan } from '@/components/charges/format';
import type { SpendChartData } from './spend-types';

/** Colours with at least 3:1 contrast against white and the dark background. */
const COLOURS = ['#1d4ed8', '#0f766e', '#b45309', '#7e22ce', '#be123c', '#4d7c0f'];

type Row = { label: string; day: string } & Record<string, number | string>;

/**
 * The stacked bars (recharts, loaded on its own). Bar heights need numbers; every amount a person
 * reads (tooltip, axis, table) is formatted from the exact decimal strings.
 */
export default function SpendBars({ data, locale }: { data: SpendChartData; locale: string }) {
  const byDay = new Map(data.days.map((d) => [d.day, d]));
  const rows: Row[] = data.days.map((d) => {
    const row: Row = { label: d.label, day: d.day };
    for (const s of data.services) row[s.id] = Number(d.values[s.id] ?? '0');
    return row;
  });

  function TooltipBody({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }> }) {
    const day = active && payload?.[0] ? byDay.get(String((payload[0].payload as Row).day)) : undefined;
    if (!day) return null;
    return (
      <div className="rounded-md border border-slate-200 bg-white p-2 text-xs shadow dark:border-slate-700 dark:bg-slate-900">
        <p className="font-semibold">{day.label}</p>
        {data.services.map((s) => (
          <p key={s.id}>
            {s.label}: {formatYuan(day.values[s.id] ?? '0', locale)}
          </p>
        ))}
        <p className="font-semibold">{formatYuan(day.total, locale)}</p>
      </div>
    );
  }

  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="#cbd5e1" />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#475569' }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={{ fontSize: 11, fill: '#475569' }} width={64} tickFormatter={(v: number) => formatYuan(v.toFixed(2), locale)} />
        <Tooltip content={TooltipBody} cursor={{ fill: 'rgba(148,163,184,0.2)' }} isAnimationActive={false} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {data.services.map((s, i) => (
          <Bar key={s.id} dataKey={s.id} name={s.label} stackId="spend" fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
