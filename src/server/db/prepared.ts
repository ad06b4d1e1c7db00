import type { Tx } from './client.ts';

/**
 * A statement built once per database handle and sent as a named prepared statement, so PostgreSQL
 * parses and plans it once per connection instead of on every call: planning the joined request
 * lookup took 0.42 ms against 0.05 ms to run it (pg_stat_statements at 1,000,000 requests).
 * Only for lookups by key, where the one generic plan is the right plan for every value.
 * `name` must be unique per statement text (the driver keeps one text per name and connection).
 */
export function preparedPerHandle<T>(build: (db: Tx, name: string) => T, name: string): (db: Tx) => T {
  const byHandle = new WeakMap<Tx, T>();
  return (db) => {
    const cached = byHandle.get(db);
    if (cached) return cached;
    const statement = build(db, name);
    byHandle.set(db, statement);
    return statement;
  };
}
