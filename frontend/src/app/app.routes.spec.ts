import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Route, provideRouter } from '@angular/router';
import { Observable, firstValueFrom, isObservable } from 'rxjs';
import { KARI, session } from '../testing/fixtures';
import { SESSION_STORAGE_KEY } from './core/auth/auth.store';
import type { SavedFilter } from './core/api/saved-filters.api';
import { routes } from './app.routes';

/**
 * The console's first load is the app's frame and the login page only (issue 13): every page,
 * the shell with its menus included, is a lazy route, so no route names a component eagerly.
 */
describe('the routes', () => {
  it('load every page lazily', () => {
    const eager: string[] = [];
    const walk = (list: Route[], prefix: string) => {
      for (const route of list) {
        const path = `${prefix}/${route.path ?? ''}`;
        if (route.component) eager.push(path);
        if (route.children) walk(route.children, path);
      }
    };
    walk(routes, '');
    expect(eager).toEqual([]);
  });
});

describe('the root address', () => {
  const LATER = new Date(Date.now() + 30 * 60_000).toISOString();
  const root = routes[1].children!.find((r) => r.path === '' && r.pathMatch === 'full')!;

  function redirect(): Promise<unknown> {
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session(KARI, LATER)));
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const target = TestBed.runInInjectionContext(() =>
      (root.redirectTo as (data: unknown) => unknown)({}),
    );
    return isObservable(target)
      ? firstValueFrom(target as Observable<unknown>)
      : Promise.resolve(target);
  }
  const filter = (
    name: string,
    isStartPage: boolean,
    query: SavedFilter['query'],
  ): SavedFilter => ({
    id: name,
    name,
    query,
    isStartPage,
    version: 1,
    createdAt: LATER,
    updatedAt: LATER,
  });

  afterEach(() => sessionStorage.clear());

  it('opens the saved view she chose as her start page', async () => {
    const target = redirect();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/saved-filters')
      .flush([
        filter('Alle', false, {}),
        filter('Mine store', true, { queue: 'mine', sort: '-requestedAmount' }),
      ]);
    expect(await target).toBe('/queue/mine?sort=-requestedAmount');
  });

  it("opens her role's home without one, and when the saved views cannot be read", async () => {
    let target = redirect();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/saved-filters')
      .flush([filter('Alle', false, {})]);
    expect(await target).toBe('/queue/mine');
    TestBed.resetTestingModule();
    target = redirect();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/saved-filters')
      .flush({}, { status: 500, statusText: 'Server Error' });
    expect(await target).toBe('/queue/mine');
  });
});
