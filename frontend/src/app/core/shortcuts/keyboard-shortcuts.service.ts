import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { PageAction, shortcutFor } from './shortcuts';
import { ShortcutsHelpDialogComponent } from './shortcuts-help-dialog.component';

/**
 * The console's keyboard shortcuts (`?` lists them): one listener on the document, started by
 * the shell. A page offers its own actions with `register` while it is shown.
 */
@Injectable({ providedIn: 'root' })
export class KeyboardShortcuts {
  private readonly document = inject(DOCUMENT);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private pendingG: number | null = null;
  private page: Partial<Record<PageAction, () => void>> = {};
  private started = false;

  /** Listens until `destroyRef` (the shell's) is destroyed. */
  start(destroyRef: DestroyRef): void {
    if (this.started) return;
    this.started = true;
    const listener = (event: KeyboardEvent) => this.onKey(event);
    this.document.addEventListener('keydown', listener);
    destroyRef.onDestroy(() => {
      this.document.removeEventListener('keydown', listener);
      this.started = false;
    });
  }

  /** A page's actions, until the page is destroyed. */
  register(actions: Partial<Record<PageAction, () => void>>, destroyRef: DestroyRef): void {
    this.page = actions;
    destroyRef.onDestroy(() => {
      if (this.page === actions) this.page = {};
    });
  }

  openHelp(): void {
    if (
      this.dialog.openDialogs.some(
        (d) => d.componentInstance instanceof ShortcutsHelpDialogComponent,
      )
    )
      return;
    this.dialog.open(ShortcutsHelpDialogComponent, {
      autoFocus: 'dialog',
      ariaLabelledBy: 'shortcuts-title',
    });
  }

  private onKey(event: KeyboardEvent): void {
    // An open dialog has the keyboard (its own fields, Escape); shortcuts wait.
    if (this.dialog.openDialogs.length) return;
    const shortcut = shortcutFor(event, this.pendingG, Date.now());
    this.pendingG = shortcut === 'g' ? Date.now() : null;
    if (shortcut === null || shortcut === 'g') return;
    switch (shortcut.kind) {
      case 'help':
        event.preventDefault();
        this.openHelp();
        return;
      case 'search': {
        const search = this.document.querySelector<HTMLInputElement>(
          'main input[type="search"], input[type="search"]',
        );
        if (!search) return;
        event.preventDefault();
        search.focus();
        return;
      }
      case 'go':
        event.preventDefault();
        void this.router.navigateByUrl(shortcut.to === 'queue' ? '/queue' : '/dashboard');
        return;
      case 'page': {
        const action = this.page[shortcut.action];
        if (!action) return;
        event.preventDefault();
        action();
      }
    }
  }
}
