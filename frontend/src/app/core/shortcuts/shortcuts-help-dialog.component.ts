import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { TranslocoDirective } from '@jsverse/transloco';
import { SHORTCUTS } from './shortcuts';

/** `?`: the keyboard shortcuts, each with its keys. */
@Component({
  selector: 'app-shortcuts-help-dialog',
  imports: [MatDialogModule, MatButtonModule, TranslocoDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      <h2 mat-dialog-title id="shortcuts-title">{{ t('shortcuts.title') }}</h2>
      <mat-dialog-content>
        <p>{{ t('shortcuts.intro') }}</p>
        <table class="shortcuts">
          <caption class="cdk-visually-hidden">
            {{
              t('shortcuts.title')
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ t('shortcuts.keys') }}</th>
              <th scope="col">{{ t('shortcuts.does') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (shortcut of shortcuts; track shortcut.name) {
              <tr>
                <td>
                  @for (key of shortcut.keys; track $index) {
                    @if (!$first) {
                      <span class="then">{{ t('shortcuts.then') }}</span>
                    }
                    <kbd>{{ key }}</kbd>
                  }
                </td>
                <td>{{ t('shortcuts.' + shortcut.name) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" mat-dialog-close>{{ t('shortcuts.close') }}</button>
      </mat-dialog-actions>
    </ng-container>
  `,
  styles: `
    .shortcuts {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: start;
      padding: 6px 12px 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    kbd {
      display: inline-block;
      min-width: 1.5em;
      padding: 2px 6px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      font-family: monospace;
      text-align: center;
    }
    .then {
      margin: 0 6px;
    }
  `,
})
export class ShortcutsHelpDialogComponent {
  protected readonly shortcuts = SHORTCUTS;
}
