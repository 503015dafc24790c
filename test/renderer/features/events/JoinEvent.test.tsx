import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshDb, seed } from '../../fixtures.js';
import { renderApp } from '../../render-app.js';

/** The form in Settings; what the server does with a code is tested with a real server (test/renderer/events/join-event.test.ts). */
describe('the form that adds an event to this device (issue 18)', () => {
  it('says what is not a code, and that the server must be reached', async () => {
    const db = freshDb();
    await seed(db);
    // The fixture's server address (port 9) answers nothing: the device is offline.
    await renderApp(db, { hash: '#/settings' });
    const code = await screen.findByTestId('join-event-code', {}, { timeout: 15_000 });
    const submit = screen.getByTestId('join-event-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    fireEvent.change(code, { target: { value: 'not a code' } });
    fireEvent.click(submit);
    expect((await screen.findByTestId('join-event-outcome')).textContent).toBe(
      'This is not an invitation code: 32 letters and digits, dashes and spaces allowed.',
    );

    fireEvent.change(code, { target: { value: '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ' } });
    expect(screen.queryByTestId('join-event-outcome')).toBeNull();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(screen.getByTestId('join-event-outcome').textContent).toBe(
        'Adding an event needs the seminar server. Try again when this device is online.',
      ),
    );
    // Kept, to try again.
    expect((code as HTMLInputElement).value).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ');
  });
});
