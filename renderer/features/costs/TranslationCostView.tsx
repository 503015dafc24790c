import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLang } from '../../../shared/languages.js';
import type { Participant } from '../../../shared/model/entities.js';
import { costReportSchema, type CostReport } from '../../../shared/protocol/translation-costs.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { formatDate, languageName } from '../../i18n/format.js';
import { BarChart } from '../../ui/BarChart.js';
import { costChartData } from './cost-chart-data.js';

/**
 * The secretariat's view of what machine translation costs: characters sent
 * per day and per target language (the charts' tables are their text
 * alternative), the cost by provider, and the budget with its 80 % warning.
 * Asked from the server when shown (figures the server alone holds); shown to
 * the secretariat only, as the route answers only to it.
 */
export function TranslationCostView() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const uiLang = useUiLang();
  const me = useLiveQuery(async () => (await db.meta.get('me'))?.value as Participant | undefined, [db]);
  const secretariat = me?.roles.includes('secretariat') ?? false;
  const [report, setReport] = useState<CostReport | 'offline' | null>(null);

  useEffect(() => {
    if (!secretariat || !settings.serverUrl || !settings.token) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const res = await fetch(`${settings.serverUrl}/api/translations/cost`, {
          headers: { authorization: `Bearer ${settings.token}` },
          signal: controller.signal,
        });
        const parsed = res.ok ? costReportSchema.safeParse(await res.json()) : null;
        setReport(parsed?.success ? parsed.data : 'offline');
      } catch {
        if (!controller.signal.aborted) setReport('offline');
      }
    })();
    return () => controller.abort();
  }, [secretariat, settings.serverUrl, settings.token]);

  if (!secretariat) return null;
  const number = new Intl.NumberFormat(uiLang);
  const money = new Intl.NumberFormat(uiLang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(uiLang, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <section data-testid="translation-costs" aria-labelledby="translation-costs-title">
      <h3 id="translation-costs-title">{t('translationCosts.title')}</h3>
      {report === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : report === 'offline' ? (
        <p>{t('translationCosts.offline')}</p>
      ) : (
        <CostFigures report={report} number={number} money={money} percent={percent} uiLang={uiLang} />
      )}
    </section>
  );
}

function CostFigures({
  report,
  number,
  money,
  percent,
  uiLang,
}: {
  report: CostReport;
  number: Intl.NumberFormat;
  money: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  uiLang: ReturnType<typeof useUiLang>;
}) {
  const { t } = useTranslation();
  const { days, targets } = costChartData(report);
  const { budget } = report;
  const top = targets[0];
  return (
    <>
      {budget.state === 'warning' || budget.state === 'exhausted' ? (
        <p
          className={budget.state === 'exhausted' ? 'banner banner-error' : 'banner banner-warning'}
          role="alert"
          data-testid="budget-alert"
        >
          {t(budget.state === 'exhausted' ? 'translationCosts.exhausted' : 'translationCosts.warning')}
        </p>
      ) : null}
      <p data-testid="cost-total">
        {t('translationCosts.total', {
          chars: number.format(report.total.chars),
          cost: money.format(report.total.cost),
        })}
        {' · '}
        {budget.amount === null
          ? t('translationCosts.noBudget')
          : t('translationCosts.budget', {
              amount: money.format(budget.amount),
              percent: percent.format(budget.share ?? 0),
            })}
      </p>
      {report.providers.length ? (
        <ul className="cost-providers">
          {report.providers.map((p) => (
            <li key={p.provider}>
              <bdi>{p.provider}</bdi>:{' '}
              {t('translationCosts.total', {
                chars: number.format(p.chars),
                cost: p.cost === null ? t('translationCosts.noPrice') : money.format(p.cost),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {days.length === 0 ? (
        <p className="empty-note">{t('translationCosts.empty')}</p>
      ) : (
        <>
          {top ? (
            <p className="meta">
              {t('translationCosts.chartSummary', {
                chars: number.format(report.total.chars),
                days: number.format(days.length),
                top: isLang(top[0]) ? languageName(uiLang, top[0]) : top[0],
                topChars: number.format(top[1]),
              })}
            </p>
          ) : null}
          <div className="chart-grid" data-testid="cost-charts">
            <BarChart
              title={`${t('translationCosts.chartLabel')} · ${t('translationCosts.day')}`}
              categoryHeader={t('translationCosts.day')}
              valueHeader={t('translationCosts.characters')}
              formatValue={(v) => number.format(v)}
              testId="chart-cost-days"
              bars={days.map(([day, chars]) => ({
                key: day,
                label: formatDate(uiLang, `${day}T12:00:00Z`),
                value: chars,
              }))}
            />
            <BarChart
              title={`${t('translationCosts.chartLabel')} · ${t('translationCosts.target')}`}
              categoryHeader={t('translationCosts.target')}
              valueHeader={t('translationCosts.characters')}
              formatValue={(v) => number.format(v)}
              testId="chart-cost-languages"
              bars={targets.map(([target, chars]) => ({
                key: target,
                label: isLang(target) ? languageName(uiLang, target) : target,
                value: chars,
              }))}
            />
          </div>
        </>
      )}
    </>
  );
}
