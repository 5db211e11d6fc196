import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideTestI18n, visibleText } from '../../testing/i18n';
import { DemoBannerComponent } from './demo-banner.component';

async function render(answer: { demo: boolean } | 'error') {
  TestBed.configureTestingModule({
    imports: [DemoBannerComponent],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideTestI18n('nb')],
  });
  const fixture = TestBed.createComponent(DemoBannerComponent);
  fixture.detectChanges();
  const request = TestBed.inject(HttpTestingController).expectOne('/api/config');
  if (answer === 'error') request.flush(null, { status: 503, statusText: 'Unavailable' });
  else request.flush(answer);
  await fixture.whenStable();
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('The demo banner', () => {
  it('says on every page that the office is a demo when the server runs with demo data', async () => {
    const el = await render({ demo: true });
    const note = el.querySelector('[role="note"]');
    expect(visibleText(note)).toBe(
      'Demo: Dette er en demonstrasjon. Søkerne og sakene er oppdiktet.',
    );
  });

  it('is not there for a real office, nor when the server cannot say', async () => {
    expect((await render({ demo: false })).querySelector('[role="note"]')).toBeNull();
    TestBed.resetTestingModule();
    expect((await render('error')).querySelector('[role="note"]')).toBeNull();
  });
});
