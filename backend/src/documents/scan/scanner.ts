import type { ClamdSettings } from './clamd';

/** The malware scanner uploads stream through (config.clamd), or none (null): then documents are recorded as not scanned. */
export class Scanner {
  constructor(readonly settings: ClamdSettings | null) {}
}
