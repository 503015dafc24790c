import { useTranslation } from 'react-i18next';
import type { ContributionId, Question } from '../../../shared/model/entities.js';
import { useUiLang } from '../../app/Localized.js';
import { href } from '../../app/routes.js';
import { formatList, languageName } from '../../i18n/format.js';
import type { ResultGroup, VersionMatch } from '../../search/protocol.js';
import { SnippetText } from './SnippetText.js';
import { Name } from '../../app/Name.js';
import { InAnswerToLine } from '../threads/InAnswerToLine.js';

function OriginBadge({ match }: { match: VersionMatch }) {
  const { t } = useTranslation();
  if (match.origin === 'machine')
    return (
      <span className="badge badge-machine" data-testid="search-machine-badge">
        {match.engine ? t('reader.machine', { engine: match.engine }) : t('reader.machineNoEngine')}
      </span>
    );
  if (match.origin === 'human') return <span className="badge">{t('reader.human')}</span>;
  return <span className="badge badge-original">{t('reader.original')}</span>;
}

/**
 * One contribution found: who wrote it and in which language, then each
 * matching version with its passage (a link that opens the reader on that
 * version, at the match), then matching notes (a link to the note).
 */
export function SearchResultItem({ group, question }: { group: ResultGroup; question: Question | undefined }) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  return (
    <li className="search-result" data-testid="search-result" data-contribution-id={group.contributionId}>
      <p className="search-result-head">
        <Name className="author" text={group.authorName} />{' '}
        <span className="meta">
          {question ? <span className="code">{question.code}</span> : null} {t(`authorKind.${group.authorKind}`)} ·{' '}
          {t('search.writtenIn', { language: languageName(uiLang, group.language) })}
        </span>{' '}
        <InAnswerToLine contributionId={group.contributionId as ContributionId} />
      </p>
      {group.versions.map((match) => (
        <a
          key={match.language}
          className="search-match"
          data-testid="search-match"
          data-lang={match.language}
          data-origin={match.origin}
          href={href({
            name: 'contribution',
            id: group.contributionId,
            match: { lang: match.language, start: match.snippet.first.start, end: match.snippet.first.end },
          })}
        >
          <span className="search-match-head">
            <span className="language">
              {t('search.matchedIn', { language: languageName(uiLang, match.language) })}
            </span>{' '}
            <OriginBadge match={match} />
          </span>
          <SnippetText snippet={match.snippet} lang={match.language} />
        </a>
      ))}
      {group.otherLanguages.length > 0 ? (
        <p className="meta" data-testid="search-other-languages">
          {t('search.alsoIn', {
            languages: formatList(
              uiLang,
              group.otherLanguages.map((code) => languageName(uiLang, code)),
            ),
          })}
        </p>
      ) : null}
      {group.notes.map((note) => (
        <a
          key={note.annotationId}
          className="search-match search-note"
          data-testid="search-note"
          href={href({ name: 'contribution', id: group.contributionId, annotation: note.annotationId })}
        >
          <span className="search-match-head">
            <span className="language">
              {note.mine ? t('search.myNote') : t('search.sharedNote', { name: note.authorName })}
            </span>{' '}
            {note.mine && note.visibility === 'private' ? <span className="badge">{t('search.private')}</span> : null}
          </span>
          <SnippetText snippet={note.snippet} />
        </a>
      ))}
    </li>
  );
}
