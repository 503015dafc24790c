import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Contribution, ContributionId, ParticipantId, QuestionId } from '../../../../shared/model/entities.js';
import { toContributionRow } from '../../../../renderer/db/apply-page.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'del' as ParticipantId, name: 'Min-jun Park', roles: ['delegate' as const], language: 'en' as const };
const KOREAN = '국가는 사이버 공간에서 상당한 주의 의무를 다해야 한다.';

async function open(contribution: Partial<Contribution>, row: { withdrawnReason?: string } = {}) {
  const db: SeminarDb = freshDb();
  await seed(db);
  await db.meta.put({ key: 'me', value: ME });
  const c: Contribution = {
    id: 'c-ko' as ContributionId,
    questionId: 'legal-I-i' as QuestionId,
    author: { name: ME.name, kind: 'institution' },
    authorId: ME.id,
    language: 'ko',
    status: 'published',
    version: 2,
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    versions: [{ language: 'ko', text: KOREAN, origin: 'original', engine: null, sourceVersion: 2 }],
    ...contribution,
  };
  await db.contributions.put({ ...toContributionRow(c), ...row });
  await db.texts.put({ id: c.id, version: c.version, versions: c.versions });
  await renderApp(db, { hash: '#/contributions/c-ko' });
  await screen.findByTestId('reader');
  return db;
}

describe('Reader: a contribution written in the app', () => {
  it('shows the original while the reader’s language is awaiting translation, and lists the languages to come', async () => {
    await open({});
    expect((await screen.findByTestId('awaiting-translation')).textContent).toBe(
      'The English version is awaiting translation: the original is shown.',
    );
    expect(screen.getByTestId('text-block').getAttribute('data-origin')).toBe('original');
    const options = [...(screen.getByTestId('version-switcher') as HTMLSelectElement).options];
    expect(options.filter((o) => o.disabled)).toHaveLength(9);
    expect(options.find((o) => o.value === 'en')?.textContent).toBe('English (awaiting translation)');
  });

  it('marks a translation of an earlier version as stale', async () => {
    await open({
      versions: [
        { language: 'ko', text: KOREAN, origin: 'original', engine: null, sourceVersion: 2 },
        {
          language: 'en',
          text: 'States must exercise due diligence.',
          origin: 'machine',
          engine: 'deepl',
          sourceVersion: 1,
        },
      ],
    });
    expect(await screen.findByTestId('stale-warning')).toBeTruthy();
    expect(screen.queryByTestId('awaiting-translation')).toBeNull();
  });

  it('lets its author open it for editing, from the version this device holds', async () => {
    const db = await open({});
    fireEvent.click(await screen.findByTestId('edit-contribution'));
    await waitFor(() => expect(window.location.hash).toBe('#/compose/c-ko'));
    expect(await db.drafts.get('c-ko' as ContributionId)).toMatchObject({ baseVersion: 2, text: KOREAN });
  });

  it('says a withdrawn contribution was withdrawn, and why; no editing', async () => {
    await open({ status: 'withdrawn' }, { withdrawnReason: 'Posted twice by mistake.' });
    expect((await screen.findByTestId('withdrawn')).textContent).toContain('Reason: Posted twice by mistake.');
    expect(screen.queryByTestId('edit-contribution')).toBeNull();
  });
});
