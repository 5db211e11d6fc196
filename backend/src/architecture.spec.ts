import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The module map (docs/architecture.md) holds: the rules of .dependency-cruiser.cjs (features side
 * by side, the kernel through its public face, pure libraries), and no cycle between folders.
 */
const backend = join(__dirname, '..');

interface Cruise {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  modules: { source: string; dependencies: { resolved: string }[] }[];
}

let cruise: Cruise;

beforeAll(() => {
  const bin = join(backend, '../node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const out = execFileSync(process.execPath, [bin, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'src', 'tools'], {
    cwd: backend,
    maxBuffer: 64 * 1024 * 1024,
  });
  cruise = JSON.parse(out.toString());
});

/** The folder directly under src/ a module lives in ('' for files at the top, like app.ts). */
const folderOf = (path: string) => /^src\/([^/]+)\//.exec(path)?.[1] ?? '';

describe('the backend module map', () => {
  it('sees the whole backend', () => {
    const folders = new Set(cruise.modules.map((m) => folderOf(m.source)));
    for (const f of ['cases', 'intake', 'queue', 'evaluations', 'casework', 'decisions', 'oversight', 'auth', 'rulebook', 'common']) {
      expect(folders).toContain(f);
    }
  });

  it('breaks none of the dependency rules', () => {
    const violations = cruise.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
  });

  it('has no cycle between the folders of src/', () => {
    const edges = new Map<string, Set<string>>();
    for (const m of cruise.modules) {
      const from = folderOf(m.source);
      for (const d of m.dependencies) {
        const to = folderOf(d.resolved);
        if (from && to && from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(findCycle(edges)).toBeNull();
  });
});

/** A cycle in the graph as the list of its nodes, or null. */
export function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('findCycle', () => {
  it('finds a cycle through three folders and none in a layered graph', () => {
    const graph = (pairs: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of pairs) m.set(a, (m.get(a) ?? new Set()).add(b));
      return m;
    };
    expect(
      findCycle(
        graph([
          ['queue', 'cases'],
          ['cases', 'auth'],
          ['auth', 'queue'],
        ]),
      ),
    ).toEqual(['queue', 'cases', 'auth', 'queue']);
    expect(
      findCycle(
        graph([
          ['queue', 'cases'],
          ['decisions', 'cases'],
          ['cases', 'common'],
        ]),
      ),
    ).toBeNull();
  });
});
