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

/**
 * The stacked daily bars, drawn on the server as SVG: no chart library reaches the browser. Bar
 * heights need numbers; every amount a person reads (axis, bar titles, the table beside it) is
 * formatted from the exact decimal strings. Credits (negative amounts) stack below zero.
 */
export function SpendChart({ data, locale }: { data: SpendChartData; locale: string }) {
  const days = data.days.map((d) => {
    let up = 0;
    let down = 0;
    const segments = data.services.map((s, i) => {
      const value = Number(d.values[s.id] ?? '0');
      const from = value >= 0 ? up : down;
      if (value >= 0) up += value;
      else down += value;
      return { id: s.id, colour: COLOURS[i % COLOURS.length], from, to: from + value };
    });
    return { day: d, segments, up, down };
  });
  const max = Math.max(0, ...days.map((d) => d.up));
  const min = Math.min(0, ...days.map((d) => d.down));
  const step = niceStep(max - min || 1, 4);
  const top = Math.ceil(max / step) * step || step;
  const bottom = Math.floor(min / step) * step;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (value: number) => PLOT.top + ((top - value) / (top - bottom)) * plotHeight;
  const ticks: number[] = [];
  for (let v = bottom; v <= top + step / 2; v += step) ticks.push(Number(v.toFixed(2)));
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(1, days.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));

  return (
    <div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false" className="h-auto max-h-[260px] w-full" data-testid="spend-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(v)} y2={y(v)} stroke="#cbd5e1" strokeDasharray={v === 0 ? undefined : '3 3'} />
            <text x={PLOT.left - 6} y={y(v)} dy="0.32em" textAnchor="end" {...AXIS_TEXT}>
              {formatYuan(v.toFixed(2), locale)}
            </text>
          </g>
        ))}
        {days.map(({ day, segments }, i) => {
          const x = PLOT.left + i * slot + (slot - barWidth) / 2;
          return (
            <g key={day.day}>
              <title>
                {[day.label, ...data.services.map((s) => `${s.label}: ${formatYuan(day.values[s.id] ?? '0', locale)}`), formatYuan(day.total, locale)].join('\n')}
              </title>
              {/* A transparent full-height strip: the day's title shows wherever the pointer is in its column. */}
              <rect x={PLOT.left + i * slot} y={PLOT.top} width={slot} height={plotHeight} fill="transparent" />
              {segments
                .filter((s) => s.from !== s.to)
                .map((s) => (
                  <rect key={s.id} x={x} width={barWidth} y={Math.min(y(s.from), y(s.to))} height={Math.abs(y(s.from) - y(s.to))} fill={s.colour} />
                ))}
              {i % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle" {...AXIS_TEXT}>
                  {day.label}
                </text>
              ) : null}
            </g>
          );
        })}
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
