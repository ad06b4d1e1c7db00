import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DISTANCE_CLASSES } from '../../domain/sla.ts';
import { openTestDatabase } from '../testing/test-context.ts';
import type { Database } from './client.ts';
import { VOCABULARY_CHECKS } from './vocabulary-checks.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The constraint a write broke (drizzle wraps the driver's error), or null when it succeeded. */
async function violated(write: Promise<unknown>): Promise<string | null> {
  try {
    await write;
    return null;
  } catch (error) {
    const cause = (error as { cause?: { constraint?: string; message?: string } }).cause;
    return cause?.constraint ?? cause?.message ?? String(error);
  }
}

/** The literals of a check as PostgreSQL prints it: `CHECK ((x = ANY (ARRAY['a'::text, …])))` or `IN (0, 1)`. */
function literals(definition: string): string[] {
  const strings = [...definition.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replaceAll("''", "'"));
  if (strings.length > 0) return strings;
  const list = /(?:ARRAY\[|IN \()([^\])]*)/.exec(definition)?.[1] ?? '';
  return list.split(',').map((s) => s.trim().replace(/^\(|\)$/g, ''));
}

describe('vocabulary checks: the migrated database agrees with the domain', () => {
  test('every check exists and admits exactly its vocabulary', async () => {
    const found = await rows<{ name: string; definition: string }>(
      sql`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where contype = 'c' and conname in (${sql.join(
        Object.keys(VOCABULARY_CHECKS).map((name) => sql`${name}`),
        sql`, `,
      )})`,
    );
    const byName = new Map(found.map((r) => [r.name, r.definition]));
    for (const [name, values] of Object.entries(VOCABULARY_CHECKS)) {
      const definition = byName.get(name);
      expect(definition, `${name} is missing from the database`).toBeDefined();
      expect(literals(definition ?? '').sort(), name).toEqual(values.map(String).sort());
    }
  });

  test('an unknown distance class is refused by the database (the scale data set wrote other_province, remote)', async () => {
    expect(DISTANCE_CLASSES).not.toContain('remote');
    expect(
      await violated(
        database.db.execute(
          sql`insert into customers (name, province, city, distance_class) values ('远方医院', '西藏', '拉萨', 'remote')`,
        ),
      ),
    ).toBe('customers_distance_class_check');
    expect(
      await violated(
        database.db.execute(
          sql`insert into customers (name, province, city, distance_class) values ('外省医院', '云南', '昆明', 'other_province')`,
        ),
      ),
    ).toBe('customers_distance_class_check');
    await database.db.execute(
      sql`insert into customers (name, province, city, distance_class) values ('本市医院', '浙江', '杭州', 'same_city')`,
    );
  });

  test('a contact role outside the vocabulary is refused; tickets.sla_policy_id is a foreign key', async () => {
    const [customer] = await rows<{ id: string }>(
      sql`insert into customers (name, province, city) values ('词表医院', '浙江', '杭州') returning id`,
    );
    expect(
      await violated(database.db.execute(sql`insert into contacts (customer_id, name, role) values (${customer.id}, '张三', 'boss')`)),
    ).toBe('contacts_role_check');
    const foreignKey = await rows<{ conname: string }>(
      sql`select conname from pg_constraint where conname = 'tickets_sla_policy_id_sla_policies_id_fk'`,
    );
    expect(foreignKey).toHaveLength(1);
  });

  test('btree_gist is installed and the contracts no-overlap exclusion constraint exists', async () => {
    expect(await rows(sql`select 1 from pg_extension where extname = 'btree_gist'`)).toHaveLength(1);
    expect(await rows(sql`select 1 from pg_constraint where conname = 'service_contracts_no_overlap' and contype = 'x'`)).toHaveLength(1);
  });
});
