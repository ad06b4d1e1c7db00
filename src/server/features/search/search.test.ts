import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { backfillSearchVectors, selectRankedIds } from './search.repo.ts';

let ctx: TestContext;
let agent: Session;
let hospitalA: Awaited<ReturnType<TestContext['customer']>>;
let hospitalB: Awaited<ReturnType<TestContext['customer']>>;
let printer: { id: string; number: string };
let billing: { id: string; number: string };
let database: { id: string; number: string };

type Hit = {
  id: string;
  customerId: string;
  number: string;
  rank: number;
  highlights: {
    title: { text: string; isMatch: boolean }[];
    snippet: { text: string; isMatch: boolean }[] | null;
    snippetSource: string | null;
  };
};

const search = async (q: string, as: Session = agent) => {
  const res = await ctx.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: Hit[]; ranked: number; isCapped: boolean };
};
const queue = async (text: string, as: Session = agent, extra = '') => {
  const res = await ctx.call('GET', `/api/v1/tickets?text=${encodeURIComponent(text)}${extra}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: { id: string }[]; nextCursor: string | null };
};
const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);
const marked = (segments: { text: string; isMatch: boolean }[] | null) => (segments ?? []).filter((s) => s.isMatch).map((s) => s.text);

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  hospitalA = await ctx.customer('甲市第一人民医院');
  hospitalB = await ctx.customer('乙县中医院');
  printer = await ctx.ticket(agent, hospitalA.id, { title: '打印机故障', description: '门诊药房发票打印机卡纸，无法出票' });
  billing = await ctx.ticket(agent, hospitalA.id, {
    title: '门诊收费系统升级后无法登录',
    description: 'Login failed after upgrade: timeout',
  });
  database = await ctx.ticket(agent, hospitalB.id, { title: '夜间数据库置疑', description: '住院医生站无法开医嘱，SQL Server 报 suspect' });
});
afterAll(() => ctx.close());

describe('full-text search', () => {
  test('a two-character word is found inside a longer compound: 打印 finds 打印机故障', async () => {
    const found = await search('打印');
    expect(ids(found)).toEqual([printer.id]);
    expect(marked(found.items[0].highlights.title)).toEqual(['打印']);
    expect(marked(found.items[0].highlights.snippet)).toEqual(['打印']);
    expect(ids(await queue('打印'))).toEqual([printer.id]);
  });

  test('门诊收费 is found inside 门诊收费系统, and 数据库置疑 as a whole', async () => {
    expect(ids(await search('门诊收费'))).toEqual([billing.id]);
    expect(ids(await search('数据库置疑'))).toEqual([database.id]);
    expect(ids(await search('收费 登录'))).toEqual([billing.id]);
    expect(ids(await search('打印纸'))).toEqual([]);
  });

  test('English words, by prefix and in any case', async () => {
    const found = await search('LOGIN');
    expect(ids(found)).toEqual([billing.id]);
    expect(found.items[0].highlights.snippetSource).toBe('description');
    expect(marked(found.items[0].highlights.snippet)).toEqual(['Login']);
    expect(ids(await search('suspe'))).toEqual([database.id]);
    expect(ids(await queue('upgrade'))).toEqual([billing.id]);
  });

  test('a request number is an exact lookup', async () => {
    expect(ids(await search(printer.number))).toEqual([printer.id]);
    expect(ids(await search(printer.number.toLowerCase()))).toEqual([printer.id]);
    expect(ids(await queue(database.number))).toEqual([database.id]);
  });

  test('customer names are searchable; a title match ranks above a description match', async () => {
    expect(ids(await search('第一人民医院')).sort()).toEqual([printer.id, billing.id].sort());
    const both = await ctx.ticket(agent, hospitalA.id, { title: '报表导出慢', description: '打印预览时报表导出慢' });
    const found = await search('打印');
    expect(ids(found)).toEqual([printer.id, both.id]);
    expect(found.items[0].rank).toBeGreaterThan(found.items[1].rank);
  });

  test('the queue ranks by relevance with a text, and its cursor walks every match once', async () => {
    const hospital = await ctx.customer();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      ctx.clock.advance(60_000);
      const title = i % 2 ? '网络中断' : '交换机网络中断';
      made.push((await ctx.ticket(agent, hospital.id, { title, description: `第${i}次网络故障` })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue('网络', agent, `&customerId=${hospital.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...made].sort());
    const byDate = await queue('网络', agent, `&customerId=${hospital.id}&sort=created_desc`);
    expect(ids(byDate)).toEqual([...made].reverse());
  });
});

describe('the index follows every change in the same transaction', () => {
  test('editing the title and description', async () => {
    const t = await ctx.ticket(agent, hospitalB.id, { title: '挂号系统卡顿', description: '挂号窗口响应慢' });
    expect(ids(await search('卡顿'))).toContain(t.id);
    const res = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, {
      as: agent,
      body: { title: '自助机读卡失败', description: 'card reader error' },
    });
    expect(res.statusCode).toBe(200);
    expect(ids(await search('卡顿'))).not.toContain(t.id);
    expect(ids(await search('读卡'))).toEqual([t.id]);
    expect(ids(await search('reader'))).toEqual([t.id]);
  });

  test('public replies and resolutions are searchable, internal notes are not', async () => {
    const t = await ctx.ticket(agent, hospitalB.id, { title: '检验报告不显示', description: '医生站看不到检验报告' });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, { as: agent, body: { body: '已重启LIS接口服务' } });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/comments`, { as: agent, body: { body: '内部备注：厂商补丁未发布', internal: true } });
    const found = await search('接口服务');
    expect(ids(found)).toEqual([t.id]);
    expect(found.items[0].highlights.snippetSource).toBe('reply');
    expect(ids(await search('厂商补丁'))).toEqual([]);
    for (const to of ['acknowledged', 'in_progress'])
      await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to } });
    await ctx.call('POST', `/api/v1/tickets/${t.id}/transitions`, { as: agent, body: { to: 'resolved', resolution: '更新中间件配置' } });
    expect(ids(await search('中间件'))).toEqual([t.id]);
  });

  test('a failed change leaves the index as it was (one transaction)', async () => {
    const t = await ctx.ticket(agent, hospitalB.id, { title: '影像系统调阅慢', description: 'PACS 调阅慢' });
    const stale = await ctx.call('PATCH', `/api/v1/tickets/${t.id}`, { as: agent, body: { title: '不会保存的标题', version: 99 } });
    expect(stale.statusCode).toBe(409);
    expect(ids(await search('保存'))).toEqual([]);
    expect(ids(await search('影像'))).toEqual([t.id]);
  });

  test('renaming a customer re-indexes its requests', async () => {
    const hospital = await ctx.customer('丙市妇幼保健院');
    const t = await ctx.ticket(agent, hospital.id, { title: '叫号屏不显示', description: '候诊区叫号屏黑屏' });
    expect(ids(await search('妇幼保健'))).toEqual([t.id]);
    const admin = await ctx.user('admin');
    const res = await ctx.call('PATCH', `/api/v1/customers/${hospital.id}`, { as: admin, body: { name: '丙市儿童医院' } });
    expect(res.statusCode).toBe(200);
    expect(ids(await search('妇幼保健'))).toEqual([]);
    expect(ids(await search('儿童医院'))).toEqual([t.id]);
  });

  test('rows written before the search column are backfilled once', async () => {
    const t = await ctx.ticket(agent, hospitalB.id, { title: '体检系统报告错乱', description: '体检报告串号' });
    await ctx.rows(sql`update tickets set search_vector = null where id = ${t.id}`);
    expect(ids(await search('串号'))).toEqual([]);
    expect(await backfillSearchVectors(ctx.database.db)).toBe(1);
    expect(await backfillSearchVectors(ctx.database.db)).toBe(0);
    expect(ids(await search('串号'))).toEqual([t.id]);
  });
});

describe('customer users search their own organisation only', () => {
  test('another organisation’s request is never found, by word, customer name or number', async () => {
    const userA = await ctx.user('customer', { customerId: hospitalA.id });
    const own = await search('打印', userA);
    expect(ids(own)).toContain(printer.id);
    expect(own.items.every((i) => i.customerId === hospitalA.id)).toBe(true);
    for (const q of ['数据库置疑', '乙县中医院', database.number, 'suspect']) {
      expect(ids(await search(q, userA))).toEqual([]);
      expect(ids(await queue(q, userA))).toEqual([]);
    }
  });

  test('bad input is a 400', async () => {
    expect((await ctx.call('GET', '/api/v1/search?q=', { as: agent })).statusCode).toBe(400);
    expect((await ctx.call('GET', `/api/v1/search?q=${'字'.repeat(201)}`, { as: agent })).statusCode).toBe(400);
    expect((await ctx.call('GET', '/api/v1/search?q=%E6%89%93', {})).statusCode).toBe(401);
    expect((await search('，。！')).items).toEqual([]);
  });
});

describe('recency slices', () => {
  test('the `window` most recent matches are exactly those without a date bound, whichever slice finds them', async () => {
    // Newest first: two in the first 30-day slice, then 45 days, 200 days, over a year and five years back.
    const made: string[] = [];
    for (const days of [1, 10, 45, 200, 400, 1800]) {
      const t = await ctx.ticket(agent, hospitalA.id, { title: `切片测试 ${days}`, description: '按时间切片检索' });
      await ctx.rows(sql`update tickets set created_at = now() - ${days} * interval '1 day' where id = ${t.id}`);
      made.push(t.id);
    }
    for (const window of [1, 2, 3, 4, 5, 6, 20]) {
      const found = await selectRankedIds(ctx.deps.db, { tsquery: '切片', scope: null, limit: 50, window });
      expect(found.candidates, `window ${window}`).toBe(Math.min(window, made.length));
      expect(new Set(found.ids.map((r) => r.id)), `window ${window}`).toEqual(new Set(made.slice(0, window)));
    }
    expect(new Set(ids(await queue('切片')))).toEqual(new Set(made));
    const all = await search('切片');
    expect(all.ranked).toBe(made.length);
    expect(all.isCapped).toBe(false);
  });
});
