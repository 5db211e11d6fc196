import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { registerLocales } from './src/app/core/i18n/locales';

setupZonelessTestEnv();
registerLocales();

// The console keeps its session and the user's drafts in localStorage (shared by tabs), which
// outlives a test: each test starts signed out (unless it signs in; sessionStorage is moved there
// as an older console's was) and with no drafts.
beforeEach(() => {
  for (const key of Object.keys(localStorage)) {
    if (key === 'tilsagn.session' || key.startsWith('tilsagn.draft.')) localStorage.removeItem(key);
  }
});
