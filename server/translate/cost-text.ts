import type { CostReport } from './translation-costs.js';

/** `admin translations cost` prints this: totals by provider, then one line per day, provider, pair and kind. */
export function costReportText(report: CostReport): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const money = (v: number | null) => (v === null ? 'no price set' : v.toFixed(2));
  const lines: string[] = [];
  lines.push(report.since ? `since ${report.since}` : 'since the start');
  if (!report.rows.length) lines.push('nothing sent to a provider yet');
  for (const p of report.providers)
    lines.push(
      `${p.provider}: ${n(p.chars)} characters in ${n(p.requests)} requests, cost ${money(p.cost)}` +
        (p.pricePerMillion === null ? '' : ` (${p.pricePerMillion} per million)`),
    );
  lines.push(`total: ${n(report.total.chars)} characters, cost ${money(report.total.cost)}`);
  const b = report.budget;
  lines.push(
    b.amount === null
      ? `budget: none set (spent ${money(b.spent)} in all)`
      : `budget: ${money(b.amount)}, spent ${money(b.spent)} (${Math.round((b.share ?? 0) * 100)} %)` +
          (b.state === 'exhausted'
            ? ' - SPENT: new translations wait until it is raised'
            : b.state === 'warning'
              ? ' - warning: 80 % reached'
              : ''),
  );
  if (report.rows.length) lines.push('', 'day\tprovider\tpair\tkind\tcharacters\trequests\tcost');
  for (const r of report.rows)
    lines.push(
      `${r.day}\t${r.provider}\t${r.source}→${r.target}\t${r.kind}\t${r.chars}\t${r.requests}\t${money(r.cost)}`,
    );
  return lines.join('\n');
}
