import { CalendarRange, ChevronsUpDown } from 'lucide-react';
import { Button, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { SeminarEvent } from '../../../shared/model/events.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, pickLocalizedText, useUiLang } from '../../app/Localized.js';
import { chooseEvent, eventActivity } from '../../db/events.js';
import { formatDay } from '../../i18n/format.js';
import { useCurrentEvent } from './use-current-event.js';
import { useEventCounts } from './use-event-counts.js';
import { useLiveQuery } from 'dexie-react-hooks';

/** "1 Feb 2017 – 2 Feb 2017" in the UI language (one day when it is one). */
export function EventDates({ event }: { event: SeminarEvent }) {
  const lang = useUiLang();
  const from = formatDay(lang, event.startsOn);
  return (
    <span className="event-dates">
      <time dateTime={event.startsOn}>{from}</time>
      {event.endsOn !== event.startsOn ? (
        <>
          {' – '}
          <time dateTime={event.endsOn}>{formatDay(lang, event.endsOn)}</time>
        </>
      ) : null}
    </span>
  );
}

/** An event's unread contributions and whether it has news not opened yet (issue 18). */
function EventCounts({ unread, news }: { unread: number; news: boolean }) {
  const { t } = useTranslation();
  if (!unread && !news) return null;
  return (
    <span className="event-switcher-counts">
      {news ? (
        <span className="badge badge-pending" data-testid="event-news">
          {t('events.news.label')}
        </span>
      ) : null}
      {unread ? (
        <span className="badge" data-testid="event-unread">
          {t('events.unread', { count: unread })}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The event the user works in, at the top of the sidebar: the agenda, the
 * lists, the search and the notebook follow it. Every event on the device
 * is there offline; switching is a local choice, no request.
 */
export function EventSwitcher() {
  const { t } = useTranslation();
  const { db } = useApp();
  const lang = useUiLang();
  const state = useCurrentEvent();
  const unread = useEventCounts(state?.events);
  const activity = useLiveQuery(() => eventActivity(db), [db], {});
  if (!state || state.events.length === 0) return null;
  const { events, current } = state;
  // News in an event other than the one open: marked on the button too, so it is seen without opening the list.
  const newsElsewhere = events.some((e) => e.id !== current?.id && e.id in activity);
  return (
    <Select
      className="event-switcher"
      aria-label={t('events.switcher')}
      selectedKey={current?.id ?? null}
      onSelectionChange={(key: Key | null) => {
        if (key !== null) void chooseEvent(db, String(key));
      }}
      data-testid="event-switcher"
    >
      <Button className="event-switcher-button" data-testid="event-switcher-button">
        <CalendarRange className="icon" aria-hidden="true" />
        <SelectValue className="event-switcher-value">
          {({ isPlaceholder }) => (isPlaceholder || !current ? t('events.choose') : <Localized text={current.title} />)}
        </SelectValue>
        {newsElsewhere ? (
          <span
            className="event-news"
            role="img"
            aria-label={t('events.news.elsewhere')}
            data-testid="event-news-elsewhere"
          />
        ) : null}
        <ChevronsUpDown className="icon event-switcher-chevron" aria-hidden="true" />
      </Button>
      <Popover className="event-switcher-popover" placement="bottom start">
        <ListBox className="event-switcher-list" items={events} dependencies={[lang, t, unread, activity, current?.id]}>
          {(event) => (
            <ListBoxItem
              id={event.id}
              textValue={pickLocalizedText(event.title, lang) || event.id}
              className="event-switcher-item"
              data-testid={`event-option-${event.id}`}
            >
              <span className="event-switcher-title">
                <Localized text={event.title} />
              </span>
              <span className="event-switcher-meta">
                {t(`events.kind.${event.kind}`)} · <EventDates event={event} /> · {t(`events.status.${event.status}`)}
              </span>
              <EventCounts
                unread={unread?.get(event.id) ?? 0}
                news={event.id !== current?.id && event.id in activity}
              />
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
