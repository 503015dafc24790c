import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeminarEvent } from '../../../shared/model/events.js';
import { pickLocalizedText, useUiLang } from '../../app/Localized.js';
import type { SearchFilters } from '../../search/protocol.js';

/**
 * What searching "this event" means (issue 18): the contributions to the
 * questions on its agenda (the corpus is shared; an event without an agenda
 * yet searches it all) and the notes written in it. Null: all the user's events.
 */
export function eventScope(event: SeminarEvent | null): Pick<SearchFilters, 'questionIds' | 'eventId'> {
  if (!event) return {};
  return { eventId: event.id, ...(event.questionIds.length ? { questionIds: event.questionIds } : {}) };
}

/** Where to search: the current event (the default) or every event the user belongs to on this device. */
export function SearchScope({
  current,
  all,
  count,
  onChange,
}: {
  current: SeminarEvent;
  all: boolean;
  count: number;
  onChange(all: boolean): void;
}) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const id = useId();
  return (
    <div className="filters search-scope">
      <div className="field">
        <label htmlFor={id}>{t('events.search.scope')}</label>
        <select
          id={id}
          data-testid="search-scope"
          value={all ? 'all' : 'current'}
          onChange={(e) => onChange(e.target.value === 'all')}
        >
          <option value="current">
            {t('events.search.current', { event: pickLocalizedText(current.title, uiLang) })}
          </option>
          <option value="all">{t('events.search.all', { count })}</option>
        </select>
      </div>
    </div>
  );
}
