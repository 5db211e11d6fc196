import { DOCUMENT, Injectable, inject } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/** How long a page may take to show its heading (a case loads its data first). */
const WAIT_MS = 3_000;

/**
 * After a navigation to another page, the focus goes to the page's main heading (its h1), so a
 * screen reader says where the user is and Tab continues from the top of the page's content.
 * A change of the query alone (a queue's filters) keeps the focus where it is, and so does a page
 * on which the user has already put the focus in a field.
 */
@Injectable({ providedIn: 'root' })
export class FocusOnNavigation {
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private lastPath: string | null = null;
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.router.events
      .pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd))
      .subscribe((e) => {
        const path = e.urlAfterRedirects.split(/[?#]/)[0];
        const first = this.lastPath === null;
        const moved = path !== this.lastPath;
        this.lastPath = path;
        // The first page keeps the browser's own start (the skip link first).
        if (!first && moved) this.focusHeading(Date.now());
      });
  }

  private focusHeading(since: number): void {
    const view = this.document.defaultView;
    if (!view) return;
    const active = this.document.activeElement;
    if (active?.matches('input, textarea, select, [contenteditable="true"]')) return;
    const heading = this.document.querySelector<HTMLElement>('main h1, h1');
    if (!heading) {
      if (Date.now() - since < WAIT_MS) view.setTimeout(() => this.focusHeading(since), 50);
      return;
    }
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}
