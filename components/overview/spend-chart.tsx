import { formatYuan } from '@/components/charges/format';
import type { SpendChartData } from '@/lib/overview/spend-chart';

/** Colours with at least 3:1 contrast against white and the dark background. */
const COLOURS = ['#1d4ed8', '#0f766e', '#b45309', '#7e22ce', '#be123c', '#4d7c0f'];
const WIDTH = 720;
const HEIGHT = 260;
const PLOT = { top: 8, right: 8, bottom: 24, left: 72 };
const AXIS_TEXT = { fontSize: 11, fill: '#475569' };

/** A round step for about `ticks` axis intervals over `range` (1, 2, 2.5 or 5 × a power of ten). */
function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / magnitude;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * magnitude;
}

/** A coordinate to 0.01 of a unit: finer than any screen shows, and short in the page. */
const px = (value: number) => Math.round(value * 100) / 100;

/**
 * The stacked daily bars, drawn on the server as SVG: no chart library reaches the browser. Bar
 * heights need numbers; every amount a person reads (axis, bar titles, the table beside it) is
 * formatted from the exact decimal strings. Credits (negative amounts) stack below zero.
 *
 * Each service is one `<path>` holding its bar segments of every day, and each day one transparent
 * column on top carrying the day's title (shown wherever the pointer is in the column): a handful of
 * elements per chart instead of several per day, which is what the server's render time follows.
 */
export function SpendChart({ data, locale }: { data: SpendChartData; locale: string }) {
  const totals = data.days.map((d) => {
    let up = 0;
    let down = 0;
    for (const s of data.services) {
      const value = Number(d.values[s.id] ?? '0');
      if (value >= 0) up += value;
      else down += value;
    }
    return { up, down };
  });
  const max = Math.max(0, ...totals.map((d) => d.up));
  const min = Math.min(0, ...totals.map((d) => d.down));
  const step = niceStep(max - min || 1, 4);
  const top = Math.ceil(max / step) * step || step;
  const bottom = Math.floor(min / step) * step;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (value: number) => PLOT.top + ((top - value) / (top - bottom)) * plotHeight;
  const ticks: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(2)));
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(1, data.days.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(data.days.length / 6));
  const barX = (i: number) => PLOT.left + i * slot + (slot - barWidth) / 2;

  // Stack each day's services in order, positives up from zero and negatives down from it.
  const up = data.days.map(() => 0);
  const down = data.days.map(() => 0);
  const paths = data.services.map((s, serviceIndex) => {
    let d = '';
    data.days.forEach((day, i) => {
      const value = Number(day.values[s.id] ?? '0');
      if (value === 0) return;
      const from = value > 0 ? up[i] : down[i];
      if (value > 0) up[i] += value;
      else down[i] += value;
      const y1 = px(Math.min(y(from), y(from + value)));
      d += `M${px(barX(i))} ${y1}h${px(barWidth)}v${px(Math.abs(y(from) - y(from + value)))}h${-px(barWidth)}z`;
    });
    return { id: s.id, colour: COLOURS[serviceIndex % COLOURS.length], d };
  });

  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false" className="h-auto max-h-[260px] w-full" data-testid="spend-chart">
        {ticks.map((v) => (
          <line key={`l${v}`} x1={PLOT.left} x2={WIDTH - PLOT.right} y1={px(y(v))} y2={px(y(v))} stroke="#cbd5e1" strokeDasharray={v === 0 ? undefined : '3 3'} />
        ))}
        {ticks.map((v) => (
          <text key={`t${v}`} x={PLOT.left - 6} y={px(y(v))} dy="0.32em" textAnchor="end" {...AXIS_TEXT}>
            {formatYuan(v.toFixed(2), locale)}
          </text>
        ))}
        {paths.map((p) => (p.d ? <path key={p.id} d={p.d} fill={p.colour} /> : null))}
        {data.days.map((day, i) =>
          i % labelEvery === 0 ? (
            <text key={day.day} x={px(barX(i) + barWidth / 2)} y={HEIGHT - 6} textAnchor="middle" {...AXIS_TEXT}>
              {day.label}
            </text>
          ) : null,
        )}
        {data.days.map((day, i) => (
          <rect key={day.day} x={px(PLOT.left + i * slot)} y={PLOT.top} width={px(slot)} height={plotHeight} fill="transparent">
            <title>{[day.label, ...data.services.map((s) => `${s.label}: ${formatYuan(day.values[s.id] ?? '0', locale)}`), formatYuan(day.total, locale)].join('\n')}</title>
          </rect>
        ))}
      </svg>
      <ul className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs">
        {data.services.map((s, i) => (
          <li key={s.id} className="inline-flex items-center gap-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: COLOURS[i % COLOURS.length] }} />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
