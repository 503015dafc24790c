import type { CostReport } from '../../../shared/protocol/translation-costs.js';

/** Characters per day and per target language, largest first for languages, in date order for days. */
export function costChartData(report: CostReport) {
  const byDay = new Map<string, number>();
  const byTarget = new Map<string, number>();
  for (const row of report.rows) {
    byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.chars);
    byTarget.set(row.target, (byTarget.get(row.target) ?? 0) + row.chars);
  }
  return {
    days: [...byDay].sort(([a], [b]) => a.localeCompare(b)),
    targets: [...byTarget].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}
