import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter } from '@angular/router';
import { KARI, session } from '../../testing/fixtures';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { SESSION_STORAGE_KEY } from '../core/auth/auth.store';
import { DRAFT_DEBOUNCE_MS, DraftHandle, autosaveDraft } from './drafts';

const LATER = new Date(Date.now() + 3600_000).toISOString();
const KEY = 'tilsagn.draft.kari.id-1.note';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Composer {
  readonly form = new FormGroup({ body: new FormControl('', { nonNullable: true }) });
  readonly caseId = signal<string | undefined>('id-1');
  readonly draft: DraftHandle = autosaveDraft(this.form, signal('note'), this.caseId);
}

function setup() {
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER)));
  TestBed.configureTestingModule({
    providers: [
      provideTestI18n('nb'),
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
    ],
  });
  return TestBed.createComponent(Composer);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Drafts', () => {
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove()));

  it('keep what the user types, per user, case and form, a moment after the last change', async () => {
    const fixture = setup();
    await fixture.whenStable();
    const { form } = fixture.componentInstance;
    form.controls.body.setValue('Halvferdig notat');
    form.markAsDirty();
    expect(localStorage.getItem(KEY)).toBeNull();
    await pause(DRAFT_DEBOUNCE_MS + 50);
    expect(JSON.parse(localStorage.getItem(KEY)!).value).toEqual({ body: 'Halvferdig notat' });
  });

  it('are restored into the form when it opens again, with a small notice', async () => {
    localStorage.setItem(KEY, JSON.stringify({ savedAt: Date.now(), value: { body: 'Fra sist' } }));
    const fixture = setup();
    await fixture.whenStable();
    expect(fixture.componentInstance.form.controls.body.value).toBe('Fra sist');
    expect(fixture.componentInstance.form.dirty).toBe(true);
    expect(visibleText(document.querySelector('mat-snack-bar-container'))).toContain(
      'Utkast gjenopprettet.',
    );
  });

  it('are cleared when the form is sent, and not written back by the reset after it', async () => {
    localStorage.setItem(
      KEY,
      JSON.stringify({ savedAt: Date.now(), value: { body: 'Sendes nå' } }),
    );
    const fixture = setup();
    await fixture.whenStable();
    const { form, draft } = fixture.componentInstance;
    form.controls.body.setValue('Sendes nå!');
    draft.clear();
    await pause(DRAFT_DEBOUNCE_MS + 50);
    expect(localStorage.getItem(KEY)).toBeNull();
    fixture.destroy();
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('are not offered after 14 days', async () => {
    const old = Date.now() - 15 * 24 * 3600_000;
    localStorage.setItem(KEY, JSON.stringify({ savedAt: old, value: { body: 'Gammelt' } }));
    const fixture = setup();
    await fixture.whenStable();
    expect(fixture.componentInstance.form.controls.body.value).toBe('');
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});
