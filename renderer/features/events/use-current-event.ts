import { useLiveQuery } from 'dexie-react-hooks';
import type { SeminarEvent } from '../../../shared/model/events.js';
import { useApp } from '../../app/AppContext.js';
import { pickCurrentEvent } from '../../db/events.js';

export interface CurrentEvent {
  /** The events on this device, earliest first. */
  events: SeminarEvent[];
  /** The one the screens show (null on a device that holds none yet). */
  current: SeminarEvent | null;
}

/** The device's events and the one the user works in, from IndexedDB (offline like everything else). */
export function useCurrentEvent(): CurrentEvent | undefined {
  const { db } = useApp();
  return useLiveQuery(async () => {
    const [events, chosen] = await Promise.all([db.events.toArray(), db.meta.get('currentEvent')]);
    events.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id.localeCompare(b.id));
    return { events, current: pickCurrentEvent(events, chosen?.value as string | undefined) };
  }, [db]);
}

/** Whether a record of `eventId` belongs to the current event (records from before events, without one, always do). */
export function inEvent(current: SeminarEvent | null, eventId: string | null | undefined): boolean {
  return !current || !eventId || eventId === current.id;
}
