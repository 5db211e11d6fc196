import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LanguageService } from '../core/i18n/language.service';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { formatNok } from './format';
import { NokPipe } from './nok.pipe';

@Component({
  imports: [NokPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span>{{ 1500000 | nok }}</span
    ><em>{{ null | nok }}</em>`,
})
class AmountHost {}

describe('NOK amounts', () => {
  it('are written "1 500 000 kr" in bokmål and "NOK 1,500,000" in English', () => {
    expect(formatNok(1_500_000, 'nb').replace(/\s/g, ' ')).toBe('1 500 000 kr');
    expect(formatNok(1_500_000, 'en').replace(/\s/g, ' ')).toBe('NOK 1,500,000');
  });

  it('keep the number and its unit on one line', () => {
    expect(formatNok(1_500_000, 'nb')).not.toContain(' ');
    expect(formatNok(1_500_000, 'en')).not.toContain(' ');
  });

  it('round to whole kroner and show a dash when there is no amount', () => {
    expect(formatNok(999.6, 'nb').replace(/\s/g, ' ')).toBe('1 000 kr');
    expect(formatNok(0, 'en').replace(/\s/g, ' ')).toBe('NOK 0');
    expect(formatNok(null, 'nb')).toBe('–');
    expect(formatNok(undefined, 'en')).toBe('–');
  });

  it('follow the language the user switches to', async () => {
    TestBed.configureTestingModule({ providers: [provideTestI18n('nb')] });
    const fixture = TestBed.createComponent(AmountHost);
    await fixture.whenStable();
    const span = fixture.nativeElement.querySelector('span');
    expect(visibleText(span)).toBe('1 500 000 kr');
    expect(visibleText(fixture.nativeElement.querySelector('em'))).toBe('–');

    TestBed.inject(LanguageService).use('en');
    await fixture.whenStable();
    expect(visibleText(span)).toBe('NOK 1,500,000');
  });
});
