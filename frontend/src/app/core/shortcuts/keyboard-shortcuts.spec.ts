import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, DestroyRef, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, Router } from '@angular/router';
import { provideTestI18n } from '../../../testing/i18n';
import { KeyboardShortcuts } from './keyboard-shortcuts.service';
import { SEQUENCE_MS, shortcutFor } from './shortcuts';

const press = (
  key: string,
  target: EventTarget | null = document.body,
  extra: Partial<KeyboardEvent> = {},
) => ({
  key,
  target,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  repeat: false,
  ...extra,
});

describe('shortcutFor', () => {
  it('reads ?, /, the page keys and g followed by q or d', () => {
    expect(shortcutFor(press('?'), null, 0)).toEqual({ kind: 'help' });
    expect(shortcutFor(press('/'), null, 0)).toEqual({ kind: 'search' });
    expect(shortcutFor(press(']'), null, 0)).toEqual({ kind: 'page', action: 'nextTab' });
    expect(shortcutFor(press('['), null, 0)).toEqual({ kind: 'page', action: 'previousTab' });
    expect(shortcutFor(press('n'), null, 0)).toEqual({ kind: 'page', action: 'newNote' });
    expect(shortcutFor(press('r'), null, 0)).toEqual({ kind: 'page', action: 'recommendation' });
    expect(shortcutFor(press('g'), null, 0)).toBe('g');
    expect(shortcutFor(press('q'), 1000, 1500)).toEqual({ kind: 'go', to: 'queue' });
    expect(shortcutFor(press('d'), 1000, 1500)).toEqual({ kind: 'go', to: 'dashboard' });
  });

  it('lets g go when its second key comes too late, and leaves other keys alone', () => {
    expect(shortcutFor(press('q'), 1000, 1000 + SEQUENCE_MS + 1)).toBeNull();
    expect(shortcutFor(press('q'), null, 0)).toBeNull();
    expect(shortcutFor(press('x'), null, 0)).toBeNull();
  });

  it('never fires while the user types in an input, a textarea, a select or an editable element', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      const field = document.createElement(tag);
      for (const key of ['?', '/', 'n', 'r', '[', ']', 'g'])
        expect(shortcutFor(press(key, field), null, 0)).toBeNull();
      expect(shortcutFor(press('q', field), 1000, 1100)).toBeNull();
    }
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const inside = document.createElement('span');
    editable.appendChild(inside);
    expect(shortcutFor(press('n', inside), null, 0)).toBeNull();
  });

  it('leaves keys with Ctrl, Alt or Meta and held keys to the browser', () => {
    expect(shortcutFor(press('r', document.body, { ctrlKey: true }), null, 0)).toBeNull();
    expect(shortcutFor(press('r', document.body, { metaKey: true }), null, 0)).toBeNull();
    expect(shortcutFor(press('[', document.body, { altKey: true }), null, 0)).toBeNull();
    expect(shortcutFor(press('n', document.body, { repeat: true }), null, 0)).toBeNull();
  });
});

@Component({
  selector: 'app-host',
  template: '<input type="search" aria-label="Søk" /><textarea aria-label="Notat"></textarea>',
})
class HostComponent {
  readonly actions: string[] = [];
  constructor() {
    const shortcuts = inject(KeyboardShortcuts);
    shortcuts.start(inject(DestroyRef));
    shortcuts.register(
      { nextTab: () => this.actions.push('nextTab'), newNote: () => this.actions.push('newNote') },
      inject(DestroyRef),
    );
  }
}

describe('KeyboardShortcuts', () => {
  function setUp() {
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestI18n('nb'),
      ],
    });
    const fixture = TestBed.createComponent(HostComponent);
    document.body.appendChild(fixture.nativeElement);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    // As in a browser, a key goes to the element that has the focus.
    const key = (k: string, target: Element = document.activeElement ?? document.body) =>
      target.dispatchEvent(
        new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }),
      );
    return { fixture, el, key, host: fixture.componentInstance };
  }

  it("runs the page's actions, and not while the user types in its fields", () => {
    const { el, key, host } = setUp();
    key(']');
    key('n');
    expect(host.actions).toEqual(['nextTab', 'newNote']);
    key('n', el.querySelector('textarea')!);
    key(']', el.querySelector('input')!);
    expect(host.actions).toEqual(['nextTab', 'newNote']);
  });

  it('focuses the search field on /, and navigates on g q', async () => {
    const { el, key } = setUp();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    key('/');
    expect(document.activeElement).toBe(el.querySelector('input[type="search"]'));
    key('g');
    key('q');
    expect(navigate).not.toHaveBeenCalled(); // typed into the search field: not a shortcut
    (document.activeElement as HTMLElement).blur();
    key('g');
    key('q');
    expect(navigate).toHaveBeenCalledWith('/queue');
  });

  it('opens the help dialog on ?, once, with every shortcut listed', async () => {
    const { key, fixture } = setUp();
    key('?');
    key('?');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const dialog = TestBed.inject(MatDialog);
    expect(dialog.openDialogs).toHaveLength(1);
    const pane = document.querySelector('.cdk-overlay-container')!;
    expect(pane.querySelector('h2')?.textContent?.trim()).toBe('Hurtigtaster');
    expect(pane.querySelectorAll('tbody tr')).toHaveLength(8);
    dialog.closeAll();
  });
});
