import { DestroyRef, Injectable, Signal, effect, inject, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormGroup } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';
import { debounceTime } from 'rxjs';
import { AuthStore, DRAFT_KEY_PREFIX } from '../core/auth/auth.store';

/** How long after the last keystroke a draft is written. */
export const DRAFT_DEBOUNCE_MS = 400;
/** A draft older than this is not offered again. */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 3600_000;

interface StoredDraft {
  savedAt: number;
  value: Record<string, unknown>;
}

/**
 * Unsent texts kept in localStorage per user, case and form (`tilsagn.draft.<username>.<case>.
 * <form>`), so that a note, a rationale or a recommendation survives an expired session and a
 * new login. A logout on purpose forgets them (AuthStore); a successful send clears its own.
 */
@Injectable({ providedIn: 'root' })
export class Drafts {
  private readonly auth = inject(AuthStore);
  private readonly now = () => Date.now();

  key(caseId: string, form: string): string | null {
    const username = this.auth.user()?.username;
    return username ? `${DRAFT_KEY_PREFIX}${username}.${caseId}.${form}` : null;
  }

  load(key: string): Record<string, unknown> | null {
    try {
      const raw = localStorage.getItem(key);
      if (!raw) return null;
      const draft = JSON.parse(raw) as StoredDraft;
      if (!draft?.value || this.now() - (draft.savedAt ?? 0) > DRAFT_MAX_AGE_MS) {
        localStorage.removeItem(key);
        return null;
      }
      return draft.value;
    } catch {
      return null;
    }
  }

  save(key: string, value: Record<string, unknown>): void {
    try {
      if (hasText(value)) {
        localStorage.setItem(
          key,
          JSON.stringify({ savedAt: this.now(), value } satisfies StoredDraft),
        );
      } else {
        localStorage.removeItem(key);
      }
    } catch {
      // Storage full or unavailable: the draft is not kept, the form works as before.
    }
  }

  remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing stored.
    }
  }
}

export interface DraftHandle {
  /** Fills the form from its draft, if there is one; says so in a small notice. True if it did. */
  restore(): boolean;
  /** Forgets the draft (after a successful send) and any write still waiting. */
  clear(): void;
}

export interface DraftOptions {
  /** Fill the form from the draft as soon as the case is known (else call restore()). */
  restoreOnLoad?: boolean;
  /** Controls not kept in the draft (lists of controls the form builds itself, say). */
  exclude?: string[];
}

/**
 * Keeps `form`'s unsent values as a draft of `name` on the case `caseId` gives: written a moment
 * after each change the user makes (only while the form is dirty), restored after a new login.
 * Call in an injection context (a component's field or constructor).
 */
export function autosaveDraft(
  form: FormGroup,
  name: Signal<string | null | undefined>,
  caseId: Signal<string | null | undefined>,
  options: DraftOptions = {},
): DraftHandle {
  const drafts = inject(Drafts);
  const snackBar = inject(MatSnackBar);
  const transloco = inject(TranslocoService);
  const destroyRef = inject(DestroyRef);
  /** The values as they were sent: not a draft, until the user changes them. */
  let sent: string | null = null;

  const key = () => {
    const id = caseId();
    const n = name();
    return id && n ? drafts.key(id, n) : null;
  };
  const value = () => {
    const raw = { ...(form.getRawValue() as Record<string, unknown>) };
    for (const excluded of options.exclude ?? []) delete raw[excluded];
    return raw;
  };
  const write = () => {
    const k = untracked(key);
    if (!k || !form.dirty) return;
    const current = value();
    if (sent !== null && JSON.stringify(current) === sent) return;
    sent = null;
    drafts.save(k, current);
  };

  form.valueChanges
    .pipe(debounceTime(DRAFT_DEBOUNCE_MS), takeUntilDestroyed(destroyRef))
    .subscribe(write);
  // Leaving the page (another tab of the case, say) writes what is waiting at once.
  destroyRef.onDestroy(write);

  const handle: DraftHandle = {
    restore: () => {
      const k = untracked(key);
      const draft = k ? drafts.load(k) : null;
      if (!draft) return false;
      form.patchValue(draft);
      form.markAsDirty();
      sent = null;
      snackBar.open(transloco.translate('drafts.restored'), transloco.translate('common.close'), {
        duration: 8_000,
        politeness: 'polite',
        panelClass: 'draft-restored',
      });
      return true;
    },
    clear: () => {
      const k = untracked(key);
      if (k) drafts.remove(k);
      // A write still waiting, or the form going away, must not bring back what was just sent.
      sent = JSON.stringify(value());
    },
  };

  if (options.restoreOnLoad !== false) {
    let restoredFor: string | null = null;
    effect(() => {
      const k = key();
      if (!k || k === restoredFor) return;
      restoredFor = k;
      untracked(() => handle.restore());
    });
  }
  return handle;
}

function hasText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.some(hasText);
  if (value && typeof value === 'object') return Object.values(value).some(hasText);
  return false;
}
