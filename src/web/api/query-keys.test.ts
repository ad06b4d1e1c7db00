// One resource, one query key: a GET of one entity's resource (a path with a parameter) is cached under one
// query-key factory entry everywhere in the web app. Two keys for one URL load it twice on every screen that
// shows both and whenever both are invalidated after a change (the retraining status was loaded under the
// contracts' and the service-quality features' keys: two GETs per training created), and one copy goes stale
// when only the other is invalidated. Read from the source, like src/layering.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** `queryKey: contractKeys.retraining(customerId)` … `api.get<…>(\`/customers/${customerId}/retraining\`` → the pair. */
function keyedGets(): { url: string; key: string; file: string }[] {
  const found: { url: string; key: string; file: string }[] = [];
  for (const file of sourceFiles(WEB)) {
    const text = readFileSync(file, 'utf8');
    const blocks = text.split(/(?=queryKey:)/).slice(1);
    for (const block of blocks) {
      const key = /^queryKey:\s*([\w.]+)/.exec(block)?.[1];
      const url = /api\.get<[^(]*>\(\s*`([^`]*\$\{[^`]*)`/.exec(block)?.[1];
      if (!key || !url) continue;
      found.push({ url: url.replace(/\$\{[^}]*\}/g, ':param'), key, file: path.relative(WEB, file) });
    }
  }
  return found;
}

test('the scan finds the keyed GETs (a guard against a scan that finds nothing)', () => {
  const urls = keyedGets().map((g) => g.url);
  expect(urls).toContain('/customers/:param');
  expect(urls).toContain('/customers/:param/retraining');
  expect(urls).toContain('/customers/:param/entitlement');
});

test('each entity resource is cached under one query-key factory entry', () => {
  const keysByUrl = new Map<string, Set<string>>();
  for (const g of keyedGets()) keysByUrl.set(g.url, (keysByUrl.get(g.url) ?? new Set()).add(g.key));
  const twice = [...keysByUrl].filter(([, keys]) => keys.size > 1).map(([url, keys]) => `${url}: ${[...keys].join(', ')}`);
  expect(twice).toEqual([]);
});
