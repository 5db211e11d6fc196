import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import type { SavedFilter } from '../core/api/saved-filters.api';
import {
  SavedFilterNameDialogComponent,
  SavedFilterNameDialogData,
} from './saved-filter-name-dialog.component';
import { SavedFiltersStore, byName } from './saved-filters.store';

const AT = '2026-12-03T12:00:00.000Z';
const filter = (id: string, name: string, isStartPage = false, version = 1): SavedFilter => ({
  id,
  name,
  query: {},
  isStartPage,
  version,
  createdAt: AT,
  updatedAt: AT,
});

function setup() {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideTestI18n('nb')],
  });
  return { store: TestBed.inject(SavedFiltersStore), http: TestBed.inject(HttpTestingController) };
}

describe('SavedFiltersStore', () => {
  afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove()));

  it('lists by name as a Norwegian reads it, whatever the case', () => {
    expect(
      byName([filter('1', 'Åpne'), filter('2', 'mine store'), filter('3', 'Alle')]).map(
        (f) => f.name,
      ),
    ).toEqual(['Alle', 'mine store', 'Åpne']);
  });

  it('sends the version it holds, and a new start page ends the old one in the list', () => {
    const { store, http } = setup();
    store.load();
    http
      .expectOne('/api/saved-filters')
      .flush([filter('a', 'Alle', true), filter('b', 'Mine store')]);
    expect(store.startPage()?.id).toBe('a');

    store.setStartPage(store.filters()[1], true).subscribe();
    const put = http.expectOne('/api/saved-filters/b');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ version: 1, isStartPage: true });
    put.flush(filter('b', 'Mine store', true, 2));
    expect(store.filters().map((f) => [f.name, f.isStartPage])).toEqual([
      ['Alle', false],
      ['Mine store', true],
    ]);
    expect(store.startPage()?.id).toBe('b');

    store.remove(store.filters()[0]).subscribe();
    const del = http.expectOne((r) => r.url === '/api/saved-filters/a');
    expect(del.request.method).toBe('DELETE');
    expect(del.request.params.get('version')).toBe('2');
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(store.filters().map((f) => f.name)).toEqual(['Mine store']);
  });

  it('tells a name in use under the name field of the save dialog', async () => {
    const { http } = setup();
    const data: SavedFilterNameDialogData = { mode: 'save', query: { sort: '-requestedAmount' } };
    TestBed.inject(MatDialog).open(SavedFilterNameDialogComponent, { data });
    await firstValueFrom(TestBed.inject(MatDialog).openDialogs[0].afterOpened());
    const dialog = document.querySelector('mat-dialog-container')!;
    const input = dialog.querySelector('input')!;
    input.value = 'Mine store';
    input.dispatchEvent(new Event('input'));
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const post = http.expectOne('/api/saved-filters');
    expect(post.request.body).toEqual({
      name: 'Mine store',
      query: { sort: '-requestedAmount' },
      isStartPage: false,
    });
    post.flush(
      {
        type: 'urn:tilsagn:problem:saved-filter-name-taken',
        status: 409,
        errors: [{ path: '$.name', message: 'taken' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    TestBed.tick();
    expect(visibleText(dialog.querySelector('mat-error'))).toBe(
      'Du har allerede et lagret utvalg med dette navnet.',
    );
  });
});
