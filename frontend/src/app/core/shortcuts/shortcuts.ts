/** What a page may do on a key (the case page: its tabs, a new note, the recommendation). */
export type PageAction = 'previousTab' | 'nextTab' | 'newNote' | 'recommendation';

/** What a key press asks for, or null for a key that is not a shortcut. */
export type Shortcut =
  | { kind: 'help' }
  | { kind: 'search' }
  | { kind: 'go'; to: 'queue' | 'dashboard' }
  | { kind: 'page'; action: PageAction };

/** Every shortcut, for the help dialog: its keys and its text's key (shortcuts.<name>). */
export const SHORTCUTS: readonly { keys: readonly string[]; name: string }[] = [
  { keys: ['?'], name: 'help' },
  { keys: ['/'], name: 'search' },
  { keys: ['g', 'q'], name: 'goQueue' },
  { keys: ['g', 'd'], name: 'goDashboard' },
  { keys: ['['], name: 'previousTab' },
  { keys: [']'], name: 'nextTab' },
  { keys: ['n'], name: 'newNote' },
  { keys: ['r'], name: 'recommendation' },
];

/** How long after `g` its second key counts. */
export const SEQUENCE_MS = 1500;

const PAGE_KEYS: Record<string, PageAction> = {
  '[': 'previousTab',
  ']': 'nextTab',
  n: 'newNote',
  r: 'recommendation',
};

/** Whether the key goes to something the user types in (then it is never a shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) {
    return true;
  }
  return (
    target.closest('[role="textbox"], [role="combobox"], [role="listbox"], [role="menu"]') !== null
  );
}

/**
 * The shortcut a key press asks for. `pendingG` is when `g` was last pressed (or null): `g`
 * then `q` or `d` within SEQUENCE_MS goes somewhere. Key presses with Ctrl, Alt or Meta, and any
 * key typed into a field, are the browser's and the field's.
 */
export function shortcutFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target' | 'repeat'>,
  pendingG: number | null,
  now: number,
): Shortcut | 'g' | null {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat || isTyping(event.target))
    return null;
  if (pendingG !== null && now - pendingG <= SEQUENCE_MS) {
    if (event.key === 'q') return { kind: 'go', to: 'queue' };
    if (event.key === 'd') return { kind: 'go', to: 'dashboard' };
  }
  switch (event.key) {
    case '?':
      return { kind: 'help' };
    case '/':
      return { kind: 'search' };
    case 'g':
      return 'g';
  }
  const action = PAGE_KEYS[event.key];
  return action ? { kind: 'page', action } : null;
}
