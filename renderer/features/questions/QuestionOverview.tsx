import { useTranslation } from 'react-i18next';
import { pickLocalized } from '../../../shared/languages.js';
import type { Question } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { languageName } from '../../i18n/format.js';
import { BarChart, ProgressMeter } from '../../ui/BarChart.js';
import { useQuestionOverview } from './use-question-overview.js';
import { QuestionMaterials } from '../materials/QuestionMaterials.js';

/**
 * A question at a glance, in the reader's third pane before a contribution is
 * open: how many answered in which language and as what kind of author, which
 * codes the notes carry, and how much of it I have read.
 */
export function QuestionOverview({ question }: { question: Question }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const lang = useUiLang();
  const data = useQuestionOverview(db, question.id);
  const number = new Intl.NumberFormat(lang);
  const format = (value: number) => number.format(value);
  if (!data) return <p role="status">{t('app.loading')}</p>;
  return (
    <section className="question-overview" aria-labelledby="overview-title" data-testid="question-overview">
      <h2 id="overview-title">{t('ui.overview.title')}</h2>
      <p className="meta">{t('ui.overview.pick')}</p>
      <ProgressMeter
        label={t('ui.overview.read')}
        value={data.read}
        max={data.total}
        text={t('ui.overview.readOf', {
          read: format(data.read),
          count: data.total,
          total: format(data.total),
          lng: lang,
        })}
      />
      <QuestionMaterials questionId={question.id} />
      <div className="chart-grid">
        <BarChart
          title={t('ui.overview.byLanguage')}
          categoryHeader={t('contributions.filterLanguage')}
          valueHeader={t('ui.overview.contributions')}
          formatValue={format}
          testId="chart-language"
          bars={[...data.byLanguage]
            .sort((a, b) => b[1] - a[1])
            .map(([code, value]) => ({ key: code, label: languageName(lang, code), value }))}
        />
        <BarChart
          title={t('ui.overview.byAuthorKind')}
          categoryHeader={t('contributions.filterAuthor')}
          valueHeader={t('ui.overview.contributions')}
          formatValue={format}
          testId="chart-author-kind"
          bars={[...data.byAuthorKind]
            .sort((a, b) => b[1] - a[1])
            .map(([kind, value]) => ({ key: kind, label: t(`authorKind.${kind}`), value }))}
        />
        {data.byTag.length > 0 ? (
          <BarChart
            title={t('ui.overview.byTag')}
            categoryHeader={t('search.tag')}
            valueHeader={t('ui.overview.notes')}
            formatValue={format}
            testId="chart-tags"
            bars={data.byTag.map(({ tag, count }) => {
              const label = pickLocalized(tag.label, lang);
              return { key: tag.id, label: label?.text ?? tag.id, lang: label?.lang, value: count, color: tag.color };
            })}
          />
        ) : (
          <p className="empty-note">{t('ui.overview.noNotes')}</p>
        )}
      </div>
    </section>
  );
}
