// The layering, enforced over the import graph of src/ (test files excluded: they may wire anything):
// - src/domain is pure: it imports neither the server nor the web;
// - a server feature never imports another feature's repo (it calls that feature's service);
// - the web's shared layers (components, api, lib, i18n) never import a web feature;
// - no cycles between feature folders (server features among themselves, web features likewise).
// See docs/architecture.md, "Layering".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

// Known exceptions at the time the rules were introduced: a baseline that may only shrink. Each entry
// is removed by the change that fixes it; the last test fails when an entry no longer exists.
const ALLOWED_FEATURE_CYCLES: string[] = [
  // Web features that render each other's pieces (archive tabs ↔ contract cards; the ticket page, its
  // SLA panel and the customer pages): to untangle by moving the shared pieces to src/web/components.
  'web:archive ↔ web:contracts',
  'web:customers ↔ web:sla ↔ web:tickets',
];

/** The audit log's writer (`insertAudit`) is every feature's to call: the audit feature only reads. */
const SHARED_REPOS = ['src/server/features/audit/audit.repo.ts'];

const ALLOWED_REPO_IMPORTS: string[] = [
  'src/server/features/archive/archive.service.ts → src/server/features/contracts/contracts.repo.ts',
  'src/server/features/archive/archive.service.ts → src/server/features/customers/customers.repo.ts',
  'src/server/features/attachments/attachments.service.ts → src/server/features/tickets/tickets.repo.ts',
  'src/server/features/contracts/contracts.service.ts → src/server/features/customers/customers.repo.ts',
  'src/server/features/contracts/contracts.service.ts → src/server/features/users/users.repo.ts',
  'src/server/features/customers/customers.service.ts → src/server/features/search/search.repo.ts',
  'src/server/features/sla/sla.service.ts → src/server/features/calendars/calendars.repo.ts',
  'src/server/features/sla/sla.service.ts → src/server/features/contracts/contracts.repo.ts',
  'src/server/features/tickets/tickets.repo.ts → src/server/features/search/search.repo.ts',
  'src/server/features/tickets/tickets.service.ts → src/server/features/customers/customers.repo.ts',
  'src/server/features/tickets/tickets.service.ts → src/server/features/search/search.repo.ts',
  'src/server/features/users/users.service.ts → src/server/features/customers/customers.repo.ts',
  'src/server/features/visits/visits.service.ts → src/server/features/contracts/contracts.repo.ts',
  'src/server/features/visits/visits.service.ts → src/server/features/customers/customers.repo.ts',
];

const ALLOWED_SHARED_TO_FEATURE: string[] = [
  // The live stream invalidates the features' queries: to become a registry the features subscribe to.
  'src/web/api/live.ts → src/web/features/notifications/api.ts',
  'src/web/api/live.ts → src/web/features/sla/api.ts',
  'src/web/api/live.ts → src/web/features/tickets/api.ts',
  // The application shell shows the notification bell, the search box and signs out: it belongs in a
  // shell feature (or takes them as props); kept until the responsive-shell work moves it.
  'src/web/components/app-layout.tsx → src/web/features/auth/api.ts',
  'src/web/components/app-layout.tsx → src/web/features/notifications/notification-bell.tsx',
  'src/web/components/app-layout.tsx → src/web/features/search/search-box.tsx',
  'src/web/components/language-switch.tsx → src/web/features/auth/api.ts',
  'src/web/components/pickers.tsx → src/web/features/customers/api.ts',
  'src/web/components/pickers.tsx → src/web/features/users/api.ts',
  // The query cache drops the session on any 401 (the key belongs to the auth feature).
  'src/web/api/query-client.ts → src/web/features/auth/api.ts',
];

type Edge = { from: string; to: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of every source file under src/, as repository-relative paths. */
function importGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, '$1');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (!specifier?.startsWith('.')) continue;
      edges.push({ from: path.relative(ROOT, file), to: path.relative(ROOT, path.resolve(path.dirname(file), specifier)) });
    }
  }
  return edges;
}

/** `server:tickets` or `web:contracts` for a file inside a feature folder, else null. */
function featureOf(file: string): string | null {
  const m = /^src\/(server|web)\/features\/([^/]+)\//.exec(file);
  return m ? `${m[1]}:${m[2]}` : null;
}

/** Strongly connected components of more than one feature (Tarjan). */
function featureCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = featureOf(from);
    const b = featureOf(to);
    if (!a || !b || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)?.add(b);
  }
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indexOf.get(w) ?? 0));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w);
        component.push(w);
      }
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) visit(v);
  return components;
}

const edges = importGraph();
const show = (e: Edge) => `${e.from} → ${e.to}`;

describe('layering (the import graph of src/)', () => {
  test('the graph is read: imports are found', () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual({ from: 'src/server/policy.ts', to: 'src/domain/policy.ts' });
  });

  test('src/domain imports neither the server nor the web', () => {
    const bad = edges.filter((e) => e.from.startsWith('src/domain/') && !e.to.startsWith('src/domain/'));
    expect(bad.map(show)).toEqual([]);
  });

  test("a server feature never imports another feature's repo", () => {
    const bad = edges.filter((e) => {
      const from = featureOf(e.from);
      const to = featureOf(e.to);
      return from?.startsWith('server:') && to && to !== from && e.to.endsWith('.repo.ts') && !SHARED_REPOS.includes(e.to);
    });
    expect(bad.map(show).filter((s) => !ALLOWED_REPO_IMPORTS.includes(s))).toEqual([]);
  });

  test('the web’s shared layers (components, api, lib, i18n) never import a web feature', () => {
    const bad = edges.filter((e) => /^src\/web\/(components|api|lib|i18n)\//.test(e.from) && e.to.startsWith('src/web/features/'));
    expect(bad.map(show).filter((s) => !ALLOWED_SHARED_TO_FEATURE.includes(s))).toEqual([]);
  });

  test('no cycles between feature folders', () => {
    const cycles = featureCycles(edges).map((c) => c.join(' ↔ '));
    expect(cycles.filter((c) => !ALLOWED_FEATURE_CYCLES.includes(c))).toEqual([]);
  });

  test('the allow-lists hold only what still exists (remove an entry once it is fixed)', () => {
    const cycles = featureCycles(edges).map((c) => c.join(' ↔ '));
    for (const allowed of ALLOWED_FEATURE_CYCLES) expect(cycles, allowed).toContain(allowed);
    const shown = edges.map(show);
    for (const allowed of [...ALLOWED_SHARED_TO_FEATURE, ...ALLOWED_REPO_IMPORTS]) expect(shown, allowed).toContain(allowed);
  });
});
