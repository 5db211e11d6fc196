import { Route } from '@angular/router';
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
