import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { registerLocales } from './src/app/core/i18n/locales';

setupZonelessTestEnv();
registerLocales();
