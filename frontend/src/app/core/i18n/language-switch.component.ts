import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleChange, MatButtonToggleModule } from '@angular/material/button-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService, isLanguage } from './language.service';

/**
 * Bokmål / English. The chosen one is ticked and filled, and each label is marked
 * with its own language so screen readers pronounce it right.
 */
@Component({
  selector: 'app-language-switch',
  imports: [MatButtonToggleModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [value]="languages.language()"
      (change)="choose($event)"
      [attr.aria-label]="'language.label' | transloco"
    >
      <mat-button-toggle value="nb" lang="nb">Bokmål</mat-button-toggle>
      <mat-button-toggle value="en" lang="en">English</mat-button-toggle>
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      --mat-button-toggle-height: 36px;
      --mat-button-toggle-background-color: var(--mat-sys-surface);
      --mat-button-toggle-text-color: var(--mat-sys-on-surface);
      --mat-button-toggle-selected-state-background-color: var(--mat-sys-primary);
      --mat-button-toggle-selected-state-text-color: var(--mat-sys-on-primary);
    }
  `,
})
export class LanguageSwitchComponent {
  protected readonly languages = inject(LanguageService);

  protected choose(event: MatButtonToggleChange): void {
    if (isLanguage(event.value)) this.languages.use(event.value);
  }
}
