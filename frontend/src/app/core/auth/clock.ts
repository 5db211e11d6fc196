import { InjectionToken } from '@angular/core';

/** The current time in epoch milliseconds; replaced in tests. */
export const CLOCK = new InjectionToken<() => number>('CLOCK', {
  providedIn: 'root',
  factory: () => () => Date.now(),
});
