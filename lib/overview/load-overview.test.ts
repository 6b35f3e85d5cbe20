import { describe, expect, it } from 'vitest';
import { spendChartData } from './load-overview';

describe('the spend chart data', () => {
  const spend = {
    from: '2026-11-28',
    to: '2026-11-30',
    byDayAndService: [
      { day: '2026-11-28', serviceId: 'compute', grossFen: 1_234n },
      { day: '2026-11-30', serviceId: 'compute', grossFen: 1n },
      { day: '2026-11-30', serviceId: 'retired', grossFen: 99n },
    ],
    byDay: [],
    firstChargeDay: '2026-11-28',
  };

  it('has every day of the period, a day without charges as zero, and each day total as exact yuan', () => {
    const chart = spendChartData(spend, ['compute', 'storage'], (id) => id.toUpperCase(), (day) => day.slice(5));
    expect(chart.days.map((d) => [d.day, d.label, d.values, d.total])).toEqual([
      ['2026-11-28', '11-28', { compute: '12.34', storage: '0.00', retired: '0.00' }, '12.34'],
      ['2026-11-29', '11-29', { compute: '0.00', storage: '0.00', retired: '0.00' }, '0.00'],
      ['2026-11-30', '11-30', { compute: '0.01', storage: '0.00', retired: '0.99' }, '1.00'],
    ]);
  });

  it('lists the catalogue services in order, then services no longer in it that still have charges, labelled', () => {
    const chart = spendChartData(spend, ['storage', 'compute'], (id) => `label:${id}`, (day) => day);
    expect(chart.services).toEqual([
      { id: 'storage', label: 'label:storage' },
      { id: 'compute', label: 'label:compute' },
      { id: 'retired', label: 'label:retired' },
    ]);
  });

  it('keeps only the last days asked for, and no more days than were loaded', () => {
    const label = (day: string) => day;
    expect(spendChartData(spend, ['compute'], label, label, 2).days.map((d) => [d.day, d.total])).toEqual([
      ['2026-11-29', '0.00'],
      ['2026-11-30', '1.00'],
    ]);
    expect(spendChartData(spend, ['compute'], label, label, 90).days.map((d) => d.day)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
  });
});
