import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
});
afterAll(() => ctx.close());

async function counts() {
  const out: Record<string, number> = {};
  for (const t of ['customer_documents', 'customer_modules', 'configuration_items', 'customer_projects', 'handover_items', 'audit_log']) {
    out[t] = (await ctx.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`)))[0].n;
  }
  return out;
}

async function upload(customerId: string, fields: Record<string, string>, bytes: Buffer, name: string, as = agent) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const req = new Request('http://x', { method: 'POST', body: form });
  return ctx.call('POST', `/api/v1/customers/${customerId}/documents`, {
    as,
    body: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type') ?? '' },
  });
}

async function storedFiles() {
  const root = path.join(ctx.dataDir, 'documents');
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    return (await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [e.name])))).flat();
  };
  return walk(root);
}

describe('customer archive', () => {
  test('profile, modules, configuration, project history and the handover checklist with a document', async () => {
    const c = await ctx.customer();
    const profile = await ctx.call('PATCH', `/api/v1/customers/${c.id}/profile`, {
      as: agent,
      body: { beds: 1200, economicNotes: '年收入约 8 亿' },
    });
    expect(profile.json()).toMatchObject({ beds: 1200, economicNotes: '年收入约 8 亿', grade: '三级甲等' });
    const m = await ctx.call('POST', `/api/v1/customers/${c.id}/modules`, {
      as: agent,
      body: {
        system: 'HIS',
        module: '住院收费',
        version: '5.2',
        goLiveDate: '2025-05-01',
        acceptanceState: 'accepted',
        acceptanceDate: '2025-06-01',
      },
    });
    expect(m.statusCode).toBe(201);
    expect(
      (await ctx.call('POST', `/api/v1/customers/${c.id}/modules`, { as: agent, body: { system: 'HIS', module: '住院收费' } })).statusCode,
    ).toBe(409);
    const ci = await ctx.call('POST', `/api/v1/customers/${c.id}/configuration-items`, {
      as: agent,
      body: {
        kind: 'server',
        name: '数据库服务器',
        model: 'PowerEdge R750',
        serial: 'SN123',
        location: '信息中心机房',
        warrantyEnd: '2028-06-01',
      },
    });
    expect(ci.statusCode).toBe(201);
    await ctx.call('PATCH', `/api/v1/customers/${c.id}/project`, {
      as: agent,
      body: { contractSignedDate: '2024-10-01', teamStationedDate: '2024-11-01', initialAcceptanceDate: '2025-06-01' },
    });
    const doc = await upload(c.id, { kind: 'acceptance_report', title: '初验报告' }, Buffer.from('%PDF-1.4\n验收报告\n'), '验收报告.pdf');
    expect(doc.statusCode).toBe(201);
    const project = await ctx.call('PUT', `/api/v1/customers/${c.id}/handover/acceptance_report`, {
      as: agent,
      body: { isDone: true, documentId: doc.json().id },
    });
    expect(project.json().handover).toHaveLength(6);
    expect(project.json().handover.find((h: { item: string }) => h.item === 'acceptance_report')).toMatchObject({
      isDone: true,
      documentId: doc.json().id,
    });
    expect(project.json().isHandoverComplete).toBe(false);
    const download = await ctx.call('GET', `/api/v1/customers/${c.id}/documents/${doc.json().id}`, { as: agent });
    expect(download.headers['content-type']).toBe('application/pdf');
    const timeline = (await ctx.call('GET', `/api/v1/customers/${c.id}/timeline`, { as: agent })).json();
    expect(timeline.items.map((i: { type: string }) => i.type)).toContain('document');
  });

  test('a customer user reads its own archive without economic or internal notes, and never another organisation’s', async () => {
    const mine = await ctx.customer();
    const other = await ctx.customer();
    const saved = await ctx.call('PATCH', `/api/v1/customers/${mine.id}/profile`, {
      as: agent,
      body: { beds: 500, economicNotes: '内部：欠款', itStaffCount: 2, finances: 'tight' },
    });
    expect(saved.json()).toMatchObject({ itStaffCount: 2, finances: 'tight' });
    await upload(mine.id, { kind: 'other', internal: 'true' }, Buffer.from('内部备忘'), 'memo.txt');
    const hospitalUser = await ctx.user('customer', { customerId: mine.id });
    const profile = (await ctx.call('GET', `/api/v1/customers/${mine.id}/profile`, { as: hospitalUser })).json();
    expect(profile.beds).toBe(500);
    expect(profile).not.toHaveProperty('economicNotes');
    // The tier recommendation's inputs: the IT staff count is the hospital's own, its finances are staff-only.
    expect(profile.itStaffCount).toBe(2);
    expect(profile).not.toHaveProperty('finances');
    expect((await ctx.call('GET', `/api/v1/customers/${mine.id}/documents`, { as: hospitalUser })).json().items).toEqual([]);
    for (const p of ['profile', 'modules', 'configuration-items', 'project', 'documents', 'timeline']) {
      expect((await ctx.call('GET', `/api/v1/customers/${other.id}/${p}`, { as: hospitalUser })).statusCode).toBe(404);
    }
    expect((await ctx.call('PATCH', `/api/v1/customers/${mine.id}/profile`, { as: hospitalUser, body: { beds: 1 } })).statusCode).toBe(403);
  });
});

describe('bad input: a clear 4xx and nothing changed', () => {
  test.each([
    ['a forbidden type', { kind: 'other' }, Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), 'setup.exe', 415],
    ['too large', { kind: 'other' }, Buffer.alloc(1024 * 1024 + 10, 'a'), 'big.txt', 413],
    ['an unknown kind', { kind: 'virus' }, Buffer.from('hello'), 'a.txt', 400],
  ])('document of %s', async (_name, fields, bytes, name, status) => {
    const c = await ctx.customer();
    const before = await counts();
    const filesBefore = await storedFiles();
    const res = await upload(c.id, fields, bytes, name);
    expect(res.statusCode).toBe(status);
    expect(await counts()).toEqual(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  test.each([
    ['negative beds', 'PATCH', 'profile', { beds: -1 }],
    ['fractional beds', 'PATCH', 'profile', { beds: 1.5 }],
    ['negative IT staff', 'PATCH', 'profile', { itStaffCount: -1 }],
    ['unknown finances', 'PATCH', 'profile', { finances: 'rich' }],
    ['accepted without a date', 'POST', 'modules', { system: 'EMR', module: '病历', acceptanceState: 'accepted' }],
    [
      'acceptance before go-live',
      'POST',
      'modules',
      { system: 'EMR', module: '病历', goLiveDate: '2025-06-01', acceptanceState: 'accepted', acceptanceDate: '2025-05-01' },
    ],
    ['unknown configuration kind', 'POST', 'configuration-items', { kind: 'toaster', name: 'x' }],
    ['acceptance before signing', 'PATCH', 'project', { contractSignedDate: '2025-01-01', initialAcceptanceDate: '2024-12-31' }],
    ['unaccepted case 5', 'PATCH', 'project', { unacceptedCase: 5 }],
  ])('%s', async (_name, method, sub, body) => {
    const c = await ctx.customer();
    const before = await counts();
    const res = await ctx.call(method, `/api/v1/customers/${c.id}/${sub}`, { as: agent, body });
    expect(res.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
