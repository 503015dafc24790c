import { useTranslation } from 'react-i18next';
import { textDirection } from '../../../shared/languages.js';
import { useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { href } from '../../app/routes.js';
import { languageName } from '../../i18n/format.js';
import { excerptIn } from './excerpt.js';
import type { ThreadNeighbour } from './use-thread.js';

/** One contribution of a thread, one click away: author, kind, language and a short excerpt in the reader's language. */
export function ThreadNeighbourLink({ neighbour, testId }: { neighbour: ThreadNeighbour; testId: string }) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const { row, versions } = neighbour;
  const excerpt = excerptIn(versions, row.language, uiLang);
  return (
    <a className="thread-link" href={href({ name: 'contribution', id: row.id })} data-testid={testId}>
      <span className="thread-link-head">
        <Name className="author" text={row.author.name} />{' '}
        <span className="meta">
          {t(`authorKind.${row.authorKind}`)} · {languageName(uiLang, row.language)}
        </span>
      </span>
      {excerpt ? (
        <span className="thread-excerpt">
          <q lang={excerpt.language} dir={textDirection(excerpt.language)}>
            {excerpt.text}
          </q>
          {excerpt.machine ? <span className="meta"> ({t('threads.machine')})</span> : null}
        </span>
      ) : null}
    </a>
  );
}
