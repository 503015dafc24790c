import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, NATIVE_NAMES, isLang, type Lang } from '../../../shared/languages.js';
import type { EditionSummary } from '../../../shared/model/proceedings.js';
import { correctionProblem } from '../../../shared/proceedings/translate-edition.js';
import { useApp } from '../../app/AppContext.js';
import { useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import {
  fetchEditionUnits,
  queueEditionCorrection,
  shownSections,
  type ShownSection,
  type ShownUnit,
} from '../../db/edition-corrections.js';
import { formatTime } from '../../i18n/format.js';

/**
 * A published edition in one language, paragraph by paragraph: the source
 * beside the machine's translation, which the event's rapporteurs and
 * secretariat correct in place. Offline too: the paragraphs are kept on the
 * device once fetched, and a correction waits in the outbox (shown as not
 * sent) like every change. Each section says where its words come from:
 * the original, the machine, or a person's correction. A correction is its
 * own layer on the server: a re-translation never erases it.
 */
export function EditionCorrections({ eventId, editions }: { eventId: string; editions: EditionSummary[] }) {
  const { t } = useTranslation();
  const { db, settings, reportStorageError } = useApp();
  const uiLang = useUiLang();
  const latest = editions.at(-1);
  const [number, setNumber] = useState<number | null>(null);
  const edition = editions.find((e) => e.number === number) ?? latest;
  const [lang, setLang] = useState<Lang | null>(null);
  const shownLang: Lang | undefined = edition
    ? (lang ?? (uiLang !== edition.language ? uiLang : LANGUAGES.find((l) => l !== edition.language)!))
    : undefined;
  // The last answer of the server for which edition and language: anything else is still loading.
  const key = edition && shownLang ? `${edition.number}/${shownLang}` : '';
  const [fetched, setFetched] = useState<{ key: string; state: 'loading' | 'idle' | 'failed' }>({
    key: '',
    state: 'loading',
  });
  const fetchState = fetched.key === key ? fetched.state : 'loading';

  const kept = useLiveQuery(async () => {
    if (!edition || !shownLang) return null;
    const [row, outbox] = await Promise.all([
      db.editionUnits.get([eventId, edition.number, shownLang]),
      db.outbox.orderBy('seq').toArray(),
    ]);
    return row ? { row, sections: shownSections(row, outbox) } : null;
  }, [db, eventId, edition?.number, shownLang]);

  const fetchUnits = (number: number, lang: Lang, at: string) =>
    fetchEditionUnits(db, settings, { eventId, number, lang }).then(
      () => setFetched({ key: at, state: 'idle' }),
      () => setFetched({ key: at, state: 'failed' }),
    );
  const load = () => {
    if (!edition || !shownLang) return;
    setFetched({ key, state: 'loading' });
    void fetchUnits(edition.number, shownLang, key);
  };
  // Fresh from the server when it answers (other people's corrections, new machine units); kept ones otherwise.
  useEffect(() => {
    if (edition && shownLang) void fetchUnits(edition.number, shownLang, key);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventId, key]);

  if (!edition || !shownLang) return null;
  const original = shownLang === edition.language;
  const correct = async (unit: ShownUnit, text: string) => {
    try {
      await queueEditionCorrection(db, {
        id: crypto.randomUUID(),
        kind: 'edition-correct',
        eventId,
        number: edition.number,
        lang: shownLang,
        hash: unit.hash,
        text,
      });
      return true;
    } catch (error) {
      reportStorageError(error);
      return false;
    }
  };

  return (
    <section
      aria-labelledby="proceedings-corrections"
      className="proceedings-corrections"
      data-testid="edition-corrections"
    >
      <h3 id="proceedings-corrections">{t('proceedings.corrections.title')}</h3>
      <p className="corrections-pickers">
        <label>
          {t('proceedings.corrections.edition')}{' '}
          <select
            value={edition.number}
            data-testid="corrections-edition"
            onChange={(e) => setNumber(Number(e.target.value))}
          >
            {[...editions].reverse().map((e) => (
              <option key={e.number} value={e.number}>
                {t('proceedings.editions.number', { number: e.number })}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('proceedings.corrections.language')}{' '}
          <select
            value={shownLang}
            data-testid="corrections-language"
            onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === edition.language
                  ? t('proceedings.corrections.originalLanguage', { language: NATIVE_NAMES[l] })
                  : NATIVE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>{' '}
        <button
          type="button"
          data-testid="corrections-reload"
          aria-busy={fetchState === 'loading'}
          disabled={fetchState === 'loading'}
          onClick={load}
        >
          {t('proceedings.corrections.reload')}
        </button>
      </p>
      <p className="meta" role="status" data-testid="corrections-status">
        {fetchState === 'loading'
          ? t('app.loading')
          : kept
            ? fetchState === 'failed'
              ? t('proceedings.corrections.offline', { time: formatTime(uiLang, kept.row.fetchedAt) })
              : t('proceedings.corrections.kept', { time: formatTime(uiLang, kept.row.fetchedAt) })
            : kept === null
              ? t('proceedings.corrections.notKept')
              : null}
      </p>
      {kept && !original ? (
        <p className="meta">{withMarkup(t('proceedings.corrections.tagHint', { tag: SLOT }), '<x0>…</x0>')}</p>
      ) : null}
      {kept?.sections.map((section, i) => (
        <CorrectionSection
          key={`${section.kind}-${i}`}
          section={section}
          source={kept.row.source}
          lang={shownLang}
          onCorrect={correct}
        />
      ))}
    </section>
  );
}

function CorrectionSection({
  section,
  source,
  lang,
  onCorrect,
}: {
  section: ShownSection;
  source: Lang;
  lang: Lang;
  onCorrect(unit: ShownUnit, text: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const title =
    section.kind === 'titles'
      ? t('proceedings.corrections.titles')
      : section.kind === 'index'
        ? t('proceedings.corrections.index')
        : section.title;
  return (
    <section className="correction-section" data-testid="correction-section" data-origin={section.origin}>
      <div className="review-section-head">
        <h4 dir="auto">{title}</h4>
        <span className={`review-state correction-origin-${section.origin}`} data-testid="correction-origin">
          {t(`proceedings.corrections.origin.${section.origin}`)}
        </span>
      </div>
      <ol className="correction-units">
        {section.units.map((unit, i) => (
          <CorrectionUnit key={`${unit.hash}-${i}`} unit={unit} source={source} lang={lang} onCorrect={onCorrect} />
        ))}
      </ol>
    </section>
  );
}

function CorrectionUnit({
  unit,
  source,
  lang,
  onCorrect,
}: {
  unit: ShownUnit;
  source: Lang;
  lang: Lang;
  onCorrect(unit: ShownUnit, text: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const uiLang = useUiLang();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const original = source === lang;
  const current = unit.pending ?? unit.correction?.text ?? unit.machine;
  const save = async () => {
    if (draft === null) return;
    // Checked here as the server checks it, so a lost quote tag is said at once and the text stays in the field.
    if (correctionProblem(unit.source, draft) !== null) {
      setProblem(true);
      return;
    }
    if (await onCorrect(unit, draft)) setDraft(null);
  };
  return (
    <li className="correction-unit" data-testid="correction-unit" data-hash={unit.hash}>
      <div className="correction-source" lang={source} dir="auto" data-testid="correction-source">
        {shownText(unit.source)}
      </div>
      {original ? null : (
        <div className="correction-target">
          {draft !== null ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <label>
                <span className="visually-hidden">
                  {t('proceedings.corrections.field', { language: NATIVE_NAMES[lang] })}
                </span>
                <textarea
                  lang={lang}
                  dir="auto"
                  value={draft}
                  aria-invalid={problem}
                  aria-describedby={problem ? `correction-problem-${unit.hash}` : undefined}
                  data-testid="correction-text"
                  onChange={(e) => {
                    setDraft(e.target.value);
                    setProblem(false);
                  }}
                />
              </label>
              {problem ? (
                <p role="alert" id={`correction-problem-${unit.hash}`} data-testid="correction-problem">
                  {withMarkup(
                    t('proceedings.corrections.problem', { tags: SLOT, lt: '&lt;', gt: '&gt;' }),
                    tagsOf(unit.source),
                  )}
                </p>
              ) : null}
              <button type="submit" data-testid="correction-save">
                {t('proceedings.corrections.save')}
              </button>{' '}
              <button type="button" onClick={() => setDraft(null)}>
                {t('proceedings.corrections.cancel')}
              </button>
            </form>
          ) : current === null ? (
            <p className="meta">{t('proceedings.corrections.notTranslated')}</p>
          ) : (
            <>
              <div lang={lang} dir="auto" data-testid="correction-current">
                {shownText(current)}
              </div>
              <p className="meta correction-meta">
                <span data-testid="correction-state">
                  {unit.refused !== null ? (
                    <span role="alert">{t('proceedings.corrections.refused', { reason: unit.refused })}</span>
                  ) : unit.pending !== null ? (
                    t('proceedings.notSent')
                  ) : unit.correction ? (
                    <>
                      {t('proceedings.corrections.correctedBy')} <Name text={unit.correction.authorName} /> ·{' '}
                      <bdi>{formatTime(uiLang, unit.correction.correctedAt)}</bdi>
                    </>
                  ) : (
                    t('proceedings.corrections.origin.machine')
                  )}
                </span>{' '}
                <button type="button" data-testid="correction-edit" onClick={() => setDraft(current)}>
                  {t('proceedings.corrections.edit')}
                </button>
              </p>
            </>
          )}
        </div>
      )}
    </li>
  );
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A unit's text as read: quoted pieces (tagged) marked, line breaks kept, the escapes undone. */
function shownText(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /<x(\d+)>([\s\S]*?)<\/x\1>|<br\s*\/?>/g;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match.index > last) out.push(unescape(text.slice(last, match.index)));
    out.push(
      match[1] !== undefined ? (
        <mark key={match.index} className="review-mark">
          {unescape(match[2]!)}
        </mark>
      ) : (
        <br key={match.index} />
      ),
    );
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push(unescape(text.slice(last)));
  return out;
}

/** Where a translated sentence takes its piece of markup (a character no translation holds). */
const SLOT = '\u0001';

/** A sentence with markup in it, the markup set left to right (an Arabic sentence would reorder its brackets). */
function withMarkup(sentence: string, markup: string): ReactNode[] {
  return sentence.split(SLOT).flatMap((part, i) => [
    ...(i > 0
      ? [
          <code key={i} dir="ltr">
            {markup}
          </code>,
        ]
      : []),
    part,
  ]);
}

const tagsOf = (source: string) =>
  [...source.matchAll(/<x(\d+)>/g)].map((m) => `<x${m[1]}>…</x${m[1]}>`).join(' ') || '—';
