import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ParticipantId } from '../../../../shared/model/entities.js';
import { LIMITS } from '../../../../shared/protocol/schemas.js';
import type { SeminarDb } from '../../../../renderer/db/database.js';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

const ME = { id: 'del' as ParticipantId, name: 'Min-jun Park', roles: ['delegate' as const], language: 'en' as const };
const KOREAN = '국가는 사이버 공간에서 상당한 주의 의무를 다해야 한다. 특히 중요 기반 시설을 보호해야 한다.';

async function startWriting() {
  const db: SeminarDb = freshDb();
  await seed(db);
  await db.meta.put({ key: 'me', value: ME });
  await renderApp(db, { hash: '#/questions/legal-I-i' });
  fireEvent.click(await screen.findByTestId('write-contribution'));
  const field = (await screen.findByTestId('compose-text')) as HTMLTextAreaElement;
  return { db, field };
}

describe('ComposeScreen', () => {
  it('writes beside the question, suggests the language from the text, autosaves, and queues the submission', async () => {
    const { db, field } = await startWriting();
    expect(await screen.findByTestId('question-context')).toBeTruthy();
    expect((screen.getByTestId('compose-language') as HTMLSelectElement).value).toBe('en');

    fireEvent.change(field, { target: { value: KOREAN } });
    // Autosaved shortly after typing stops: the draft is on disk with the language the text suggests.
    await screen.findByTestId('draft-saved');
    const [draft] = await db.drafts.toArray();
    expect(draft).toMatchObject({ text: KOREAN, language: 'ko', status: 'draft', questionId: 'legal-I-i' });
    await waitFor(() => expect((screen.getByTestId('compose-language') as HTMLSelectElement).value).toBe('ko'));
    expect(field.getAttribute('lang')).toBe('ko');
    expect(screen.getByTestId('compose-count').textContent).toContain(`${KOREAN.length} of 20,000 characters`);

    fireEvent.click(screen.getByTestId('submit-draft'));
    await screen.findByTestId('draft-queued');
    const [entry] = await db.outbox.toArray();
    expect(entry!.mutation).toMatchObject({ kind: 'contribution-put', contribution: { language: 'ko', text: KOREAN } });
    expect(field.readOnly).toBe(true);
  });

  it('says what is wrong with a text it cannot submit, and keeps the text', async () => {
    const { db, field } = await startWriting();
    fireEvent.change(field, { target: { value: 'Trop court.' } });
    fireEvent.click(screen.getByTestId('submit-draft'));
    expect((await screen.findByTestId('compose-problem')).textContent).toBe(
      'A contribution has at least 20 characters.',
    );
    fireEvent.change(field, { target: { value: 'x'.repeat(LIMITS.contributionLength + 1) } });
    expect(screen.getByTestId('compose-problem').textContent).toMatch(/at most 20,000 characters/);
    await screen.findByTestId('draft-saved');
    expect(await db.outbox.count()).toBe(0);
    await waitFor(async () => expect((await db.drafts.toArray())[0]!.text).toHaveLength(LIMITS.contributionLength + 1));
  });

  it('keeps the language the author picks over the suggestion, and discards only when confirmed', async () => {
    const { db, field } = await startWriting();
    fireEvent.change(screen.getByTestId('compose-language'), { target: { value: 'zh' } });
    fireEvent.change(field, { target: { value: KOREAN } });
    await screen.findByTestId('draft-saved');
    await waitFor(async () =>
      expect((await db.drafts.toArray())[0]).toMatchObject({ language: 'zh', languageChosen: true }),
    );
    fireEvent.click(screen.getByTestId('discard-draft'));
    expect(await db.drafts.count()).toBe(1);
    fireEvent.click(screen.getByTestId('confirm-discard'));
    await screen.findByTestId('draft-discarded');
    expect(await db.drafts.count()).toBe(0);
  });
});
