/** The spend chart's data: every day of the period (oldest first), amounts as exact decimal strings in yuan. */
export interface SpendChartData {
  services: { id: string; label: string }[];
  days: { day: string; label: string; values: Record<string, string>; total: string }[];
}
