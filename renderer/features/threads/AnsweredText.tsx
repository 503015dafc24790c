import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../shared/languages.js';
import type { ContributionId } from '../../../shared/model/entities.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { href } from '../../app/routes.js';
import { languageName } from '../../i18n/format.js';
import './threads.css';

/**
 * The contribution an answer answers, whole, beside the composer: in the
 * writer's language when that version exists (labelled when it is a machine
 * translation), else in its original. From this device's database (offline).
 */
export function AnsweredText({ id }: { id: ContributionId }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const uiLang = useUiLang();
  const data = useLiveQuery(
    async () => ({ row: await db.contributions.get(id), texts: await db.texts.get(id) }),
    [db, id],
    null,
  );
  if (data === null) return null;
  const { row, texts } = data;
  if (!row || row.status !== 'published')
    return (
      <section className="answered-text" data-testid="answered-text">
        <h3>{t('threads.answering')}</h3>
        <p className="meta thread-withdrawn">{t('threads.withdrawn')}</p>
      </section>
    );
  const versions = texts?.versions ?? [];
  const version = versions.find((v) => v.language === uiLang) ?? versions.find((v) => v.language === row.language);
  return (
    <section className="answered-text" data-testid="answered-text">
      <h3>{t('threads.answering')}</h3>
      <p>
        <a href={href({ name: 'contribution', id: row.id })}>
          <Name className="author" text={row.author.name} />
        </a>{' '}
        <span className="meta">
          {t(`authorKind.${row.authorKind}`)} · {languageName(uiLang, row.language)}
          {version?.origin === 'machine' ? ` · ${t('threads.machine')}` : ''}
        </span>
      </p>
      {version ? (
        <blockquote className="answered-body" lang={version.language} dir={textDirection(version.language)}>
          {version.text.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </blockquote>
      ) : null}
    </section>
  );
}
