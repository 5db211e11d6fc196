import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { registerLocales } from './src/app/core/i18n/locales';

setupZonelessTestEnv();
registerLocales();

// The console keeps its session in localStorage (shared by tabs), which outlives a test: each test
// starts signed out unless it signs in (sessionStorage is moved there as an older console's was).
beforeEach(() => localStorage.removeItem('tilsagn.session'));
