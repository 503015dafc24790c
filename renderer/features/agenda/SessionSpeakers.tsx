import { useTranslation } from 'react-i18next';
import type { Speaker } from '../../../shared/model/entities.js';
import { Name } from '../../app/Name.js';
import './agenda.css';

/**
 * A conference panel's or keynote's people (issue 18): the chair first, then
 * the speakers in the programme's order, each with where they speak from and
 * which of the consultation's kinds of author they speak for.
 */
export function SessionSpeakers({ speakers }: { speakers: readonly Speaker[] }) {
  const { t } = useTranslation();
  const ordered = [...speakers.filter((s) => s.role === 'chair'), ...speakers.filter((s) => s.role !== 'chair')];
  return (
    <ul className="session-speakers" aria-label={t('events.programme.speakers')} data-testid="session-speakers">
      {ordered.map((speaker, i) => (
        <li key={i} data-testid="speaker">
          {speaker.role === 'chair' ? (
            <span className="badge" data-testid="speaker-chair">
              {t('events.programme.chair')}
            </span>
          ) : null}{' '}
          <Name text={speaker.name} className="speaker-name" />
          {speaker.affiliation || speaker.kind ? (
            <span className="meta">
              {speaker.affiliation ? (
                <>
                  {' · '}
                  <Name text={speaker.affiliation} />
                </>
              ) : null}
              {speaker.kind ? ` · ${t(`authorKind.${speaker.kind}`)}` : ''}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
