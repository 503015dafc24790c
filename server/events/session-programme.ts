import type { SeminarSession, SessionFormat, Speaker } from '../../shared/model/entities.js';

/** A keynote's or panel's format and speakers (issue 18); a working session carries neither. */
export function sessionProgramme(r: Record<string, unknown>): Pick<SeminarSession, 'format' | 'speakers'> {
  const speakers = (r.speakers ?? []) as Speaker[];
  return {
    ...(r.format && r.format !== 'session' ? { format: r.format as SessionFormat } : {}),
    ...(speakers.length ? { speakers } : {}),
  };
}
