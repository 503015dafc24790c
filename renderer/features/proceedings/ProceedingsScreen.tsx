import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, NATIVE_NAMES, isLang } from '../../../shared/languages.js';
import type { ReviewState } from '../../../shared/model/proceedings.js';
import { PROCEEDINGS_LIMITS } from '../../../shared/protocol/proceedings.js';
import { useApp } from '../../app/AppContext.js';
import { Localized, useUiLang } from '../../app/Localized.js';
import { Name } from '../../app/Name.js';
import { queueProceedingsChange } from '../../db/proceedings.js';
import { createSynthesis } from '../../db/syntheses.js';
import { href } from '../../app/routes.js';
import type { SynthesisPart } from '../../../shared/model/synthesis.js';
import { formatTime } from '../../i18n/format.js';
import { useCurrentEvent } from '../events/use-current-event.js';
import { EditionCorrections } from './EditionCorrections.js';
import { EditionList } from './EditionList.js';
import { MoveButtons, StateBadge } from './MoveButtons.js';
import { ReviewSection } from './ReviewSection.js';
import { useProceedings } from './use-proceedings.js';
import './proceedings.css';

/**
 * The current event's proceedings: the review of the whole and of each
 * synthesis (rapporteurs propose, the secretariat approves and publishes),
 * the comments, the title page, the user's own consent to be named, the
 * published editions with their exports, and the review trail. Everything
 * but the exports works offline: changes wait in the outbox, shown as not
 * sent yet.
 */
export function ProceedingsScreen() {
  const { t } = useTranslation();
  const { db, reportStorageError } = useApp();
  const uiLang = useUiLang();
  const event = useCurrentEvent()?.current ?? null;
  const data = useProceedings(event);
  if (data === undefined) return <p role="status">{t('app.loading')}</p>;
  if (!event || !data) return <p>{t('proceedings.noEvent')}</p>;
  const { record, sections, missingParts, roles, me, pendingCount } = data;
  // The foreword or closing remarks, started here (offline too) and written in the synthesis editor.
  const startPart = async (part: SynthesisPart) => {
    try {
      const created = await createSynthesis(db, me, {
        part,
        title: t(`proceedings.parts.${part}`),
        language: record.language,
      });
      window.location.assign(href({ name: 'synthesis', id: created.id }));
    } catch (error) {
      reportStorageError(error);
    }
  };
  const writer = roles.some((r) => r === 'rapporteur' || r === 'secretariat');
  const queue = (mutation: Parameters<typeof queueProceedingsChange>[1]) =>
    queueProceedingsChange(db, mutation).catch(reportStorageError);
  const open = sections.filter((s) => (record.sections[s.synthesis.id] ?? 'draft') !== 'approved');
  const blocked: Partial<Record<ReviewState, string>> =
    record.state === 'in-review' && (open.length > 0 || sections.length === 0)
      ? { approved: t('proceedings.waitsForSections', { count: open.length }) }
      : {};
  const titleOf = (target: string) =>
    target === 'whole'
      ? t('proceedings.whole')
      : (sections.find((s) => s.synthesis.id === target)?.synthesis.title ?? target);

  return (
    <section aria-labelledby="proceedings-title" className="proceedings" data-testid="proceedings">
      <h2 id="proceedings-title">{t('proceedings.title')}</h2>
      <p className="meta">
        <Localized text={event.title} />
      </p>

      <section aria-labelledby="proceedings-whole" className="proceedings-whole">
        <h3 id="proceedings-whole">{t('proceedings.whole')}</h3>
        <p>
          <StateBadge state={record.state} testId="whole-state" />{' '}
          {writer ? (
            <MoveButtons
              roles={roles}
              whole
              from={record.state}
              blocked={blocked}
              testId="whole-move"
              onMove={(to) =>
                void queue({
                  id: crypto.randomUUID(),
                  kind: 'review-move',
                  eventId: event.id,
                  target: 'whole',
                  from: record.state,
                  to,
                })
              }
            />
          ) : null}
        </p>
        {blocked.approved ? <p className="meta">{blocked.approved}</p> : null}
        {pendingCount ? (
          <p role="status" data-testid="proceedings-pending">
            {t('proceedings.pending', { count: pendingCount })}
          </p>
        ) : null}
      </section>

      <Consent
        named={record.named}
        consented={record.myConsent}
        onChange={(consented) =>
          void queue({ id: crypto.randomUUID(), kind: 'consent-put', eventId: event.id, consented })
        }
      />

      {writer ? (
        <FrontForm
          key={`${record.title}|${record.subtitle}|${record.publisher}|${record.language}`}
          initial={record}
          onSave={(front) =>
            void queue({ id: crypto.randomUUID(), kind: 'proceedings-put', eventId: event.id, ...front })
          }
        />
      ) : null}

      <section aria-labelledby="proceedings-sections" className="proceedings-sections">
        <h3 id="proceedings-sections">{t('proceedings.sections')}</h3>
        {sections.length === 0 ? <p>{t('proceedings.noSections')}</p> : null}
        {writer && missingParts.length ? (
          <p className="proceedings-parts">
            {missingParts.map((part) => (
              <button
                key={part}
                type="button"
                data-testid={`proceedings-write-${part}`}
                onClick={() => void startPart(part)}
              >
                {t(`proceedings.parts.write.${part}`)}
              </button>
            ))}
          </p>
        ) : null}
        {sections.map((section) => (
          <ReviewSection key={section.synthesis.id} section={section} record={record} roles={roles} writer={writer} />
        ))}
      </section>

      <EditionList eventId={event.id} editions={record.editions} canExport={writer} />
      {writer && record.editions.length ? <EditionCorrections eventId={event.id} editions={record.editions} /> : null}

      <details className="proceedings-trail" data-testid="proceedings-trail">
        <summary>{t('proceedings.trail', { count: record.trail.length })}</summary>
        <ol>
          {record.trail.map((move, i) => (
            <li key={i}>
              <span dir="auto">{titleOf(move.target)}</span>: {t(`proceedings.state.${move.from}`)} →{' '}
              {t(`proceedings.state.${move.to}`)} · <Name text={move.byName} /> ·{' '}
              <bdi>{formatTime(uiLang, move.at)}</bdi>
              {move.edition ? <> · {t('proceedings.editions.number', { number: move.edition })}</> : null}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function Consent({
  named,
  consented,
  onChange,
}: {
  named: string[];
  consented: boolean;
  onChange(value: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="proceedings-consent" className="proceedings-consent">
      <h3 id="proceedings-consent">{t('proceedings.consent.title')}</h3>
      <label>
        <input
          type="checkbox"
          checked={consented}
          data-testid="proceedings-consent"
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {t('proceedings.consent.label')}
      </label>
      <p className="meta" data-testid="proceedings-named">
        {named.length
          ? t('proceedings.consent.named', { count: named.length, names: named.join(', ') })
          : t('proceedings.consent.nobody')}
      </p>
    </section>
  );
}

interface Front {
  title: string;
  subtitle: string;
  publisher: string;
  language: (typeof LANGUAGES)[number];
}

function FrontForm({ initial, onSave }: { initial: Front; onSave(front: Front): void }) {
  const { t } = useTranslation();
  const [front, setFront] = useState<Front>({
    title: initial.title,
    subtitle: initial.subtitle,
    publisher: initial.publisher,
    language: initial.language,
  });
  const field = (key: 'title' | 'subtitle' | 'publisher') => (
    <label>
      {t(`proceedings.front.${key}`)}{' '}
      <input
        value={front[key]}
        dir="auto"
        maxLength={PROCEEDINGS_LIMITS.titleLength}
        data-testid={`proceedings-${key}`}
        onChange={(e) => setFront({ ...front, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form
      className="proceedings-front"
      aria-labelledby="proceedings-front"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(front);
      }}
    >
      <h3 id="proceedings-front">{t('proceedings.front.heading')}</h3>
      {field('title')} {field('subtitle')} {field('publisher')}{' '}
      <label>
        {t('proceedings.front.language')}{' '}
        <select
          value={front.language}
          data-testid="proceedings-language"
          onChange={(e) => isLang(e.target.value) && setFront({ ...front, language: e.target.value })}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {NATIVE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" data-testid="proceedings-front-save">
        {t('proceedings.front.save')}
      </button>
    </form>
  );
}
