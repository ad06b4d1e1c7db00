import { sql } from 'drizzle-orm';
import { unzipSync, Zip, ZipDeflate } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { MAX_IMPORT_ROWS } from '../../../domain/imports/import-rows.ts';
import { CSRF_HEADER } from '../../http/authenticate.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';
import { MAX_XLSX_INFLATED_BYTES } from './spreadsheet.ts';

let ctx: TestContext;
let agent: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
});
afterAll(() => ctx.close());

// ---------- building files ----------

const quote = (cell: string) => (/[",\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csvText = (rows: string[][]) => `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
const utf8Bom = (rows: string[][]) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(rows), 'utf8')]);

/**
 * GBK bytes as Excel on Chinese Windows writes them. Node has a GB18030 decoder but no encoder, so
 * the table is built by decoding every two-byte GBK sequence once.
 */
let gbkTable: Map<string, Buffer> | undefined;
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([lead, trail]);
        const char = decoder.decode(bytes);
        if (char.length === 1 && !gbkTable.has(char)) gbkTable.set(char, bytes);
      }
    }
  }
  const table = gbkTable;
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1');
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      return bytes;
    }),
  );
}

const xlsx = (rows: SheetData) => writeXlsxFile(rows).toBuffer();

// ---------- calling the API ----------

type Upload = { fileName: string; data: Buffer; fields?: Record<string, string> };

function multipart(fields: Record<string, string>, file?: { fileName: string; data: Buffer }) {
  const boundary = `----aftersales${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  // The file first and the fields after it: the routes accept any order.
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function send(as: Session, step: 'preview' | 'commit', kind: string, upload: Upload) {
  const body = multipart({ kind, ...upload.fields }, upload);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${step}`,
    headers: { cookie: as.cookie, [CSRF_HEADER]: as.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** Preview, then commit the same file with the preview's token. */
async function importFile(as: Session, kind: string, upload: Upload) {
  const preview = await send(as, 'preview', kind, upload);
  expect(preview.statusCode, preview.body).toBe(200);
  const commit = await send(as, 'commit', kind, { ...upload, fields: { token: preview.json().token } });
  return { preview: preview.json(), commit };
}

async function counts() {
  const [row] = await ctx.rows<Record<string, number>>(
    sql.raw(`select (select count(*)::int from customers) as customers, (select count(*)::int from contacts) as contacts,
      (select count(*)::int from customer_modules) as modules, (select count(*)::int from audit_log) as audit`),
  );
  return row;
}

/** Nothing written: the import's own tables and every table's row count. */
async function state() {
  return { ...(await counts()), all: await ctx.snapshot() };
}

const CUSTOMER_HEADER = ['序号', '客户名称', '省份', '城市', '等级', '类型', '床位', '地址', '距离'];

describe('importing customers from CSV', () => {
  test('a UTF-8 CSV with a BOM: quoted commas and newlines, Chinese words mapped to codes, one audit entry', async () => {
    const a = ctx.unique('仙桃市第一人民医院');
    const b = ctx.unique('湖北省卫生健康委员会');
    const file = utf8Bom([
      CUSTOMER_HEADER,
      ['1', a, '湖北省', '仙桃市', '三级甲等', '医院', '1,200', '仙桃市仙桃大道中段 39 号, 门诊楼\n三楼信息科', '同城'],
      ['', '', '', '', '', '', '', '', ''],
      ['2', b, '湖北省', '武汉市', '', '政府机构', '', '', ''],
    ]);
    const before = await counts();
    const { preview, commit } = await importFile(agent, 'customers', { fileName: '客户.csv', data: file });
    expect(preview).toMatchObject({ kind: 'customers', format: 'csv', rows: 2, valid: 2, errors: [], ignoredColumns: ['序号'] });
    expect(preview.token).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.sample[0]).toEqual({
      row: 2,
      values: {
        name: a,
        kind: 'hospital',
        province: '湖北省',
        city: '仙桃市',
        grade: '三级甲等',
        address: '仙桃市仙桃大道中段 39 号, 门诊楼\n三楼信息科',
        beds: 1200,
        distanceClass: 'same_city',
      },
    });
    // The blank line keeps its number: the second customer is on row 4, as Excel shows it.
    expect(preview.sample[1]).toMatchObject({
      row: 4,
      values: { name: b, kind: 'agency', grade: null, beds: null, distanceClass: 'same_province' },
    });

    expect(commit.statusCode, commit.body).toBe(201);
    expect(commit.json()).toMatchObject({ kind: 'customers', rows: 2, created: 2 });
    expect(await counts()).toEqual({ ...before, customers: before.customers + 2, audit: before.audit + 1 });
    const listed = (await ctx.call('GET', `/api/v1/customers?q=${encodeURIComponent(a)}`, { as: agent })).json().items;
    expect(listed).toMatchObject([{ name: a, city: '仙桃市', distanceClass: 'same_city' }]);
    const [audit] = await ctx.rows<{ after: Record<string, unknown> }>(
      sql.raw(`select after from audit_log where action = 'import.commit' order by id desc limit 1`),
    );
    expect(audit?.after).toMatchObject({ kind: 'customers', format: 'csv', fileName: '客户.csv', rows: 2, created: 2 });
  });

  test('a GBK CSV as Excel in China saves it is decoded as GB18030', async () => {
    const name = ctx.unique('荆州市中心医院');
    const file = gbk(
      csvText([
        ['客户名称', '省份', '城市', '等级', '床位'],
        [name, '湖北省', '荆州市', '三级甲等', '2000'],
      ]),
    );
    // Not UTF-8: the server has to notice.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const { preview, commit } = await importFile(agent, 'customers', { fileName: 'kehu.csv', data: file });
    expect(preview).toMatchObject({ rows: 1, valid: 1, errors: [] });
    expect(preview.sample[0].values).toMatchObject({ name, province: '湖北省', city: '荆州市', grade: '三级甲等', beds: 2000 });
    expect(commit.statusCode, commit.body).toBe(201);
    const listed = (await ctx.call('GET', `/api/v1/customers?q=${encodeURIComponent(name)}`, { as: agent })).json().items;
    expect(listed).toMatchObject([{ name, city: '荆州市' }]);
  });

  test('English headers are aliases of the Chinese ones', async () => {
    const name = ctx.unique('Wuhan Union Hospital');
    const file = Buffer.from(
      csvText([
        ['Name', 'Province', 'City', 'Grade', 'Kind', 'Beds'],
        [name, 'Hubei', 'Wuhan', '3A', 'hospital', '5000'],
      ]),
    );
    const { commit } = await importFile(agent, 'customers', { fileName: 'customers.csv', data: file });
    expect(commit.statusCode, commit.body).toBe(201);
  });
});

describe('importing contacts and modules from XLSX', () => {
  test('contacts reference existing customers by name; a number-typed phone keeps its digits; the primary contact moves', async () => {
    const hospital = await ctx.customer();
    const other = await ctx.customer();
    const file = await xlsx([
      ['客户名称', '姓名', '角色', '职务', '电话', '邮箱', '主要联系人'],
      [hospital.name, '李主任', '信息科主任', '信息中心主任', 13800138000, 'li@example.com', '是'],
      [hospital.name, '王工', '系统管理员', null, '027-8888 6666', null, '否'],
      [other.name, '赵院长', '院领导', '副院长', null, null, null],
    ]);
    const before = await counts();
    const { preview, commit } = await importFile(agent, 'contacts', { fileName: '联系人.xlsx', data: file });
    expect(preview).toMatchObject({ kind: 'contacts', format: 'xlsx', rows: 3, valid: 3, errors: [] });
    expect(preview.sample[0].values).toEqual({
      customerName: hospital.name,
      name: '李主任',
      role: 'it_director',
      title: '信息中心主任',
      phone: '13800138000',
      email: 'li@example.com',
      isPrimary: true,
    });
    expect(commit.statusCode, commit.body).toBe(201);
    expect(commit.json().created).toBe(3);
    expect(await counts()).toEqual({ ...before, contacts: before.contacts + 3, audit: before.audit + 1 });
    const contacts = (await ctx.call('GET', `/api/v1/customers/${hospital.id}/contacts`, { as: agent })).json().items;
    expect(contacts.map((c: { name: string; isPrimary: boolean }) => [c.name, c.isPrimary])).toEqual([
      ['李主任', true],
      ['张主任', false],
      ['王工', false],
    ]);
    const leader = (await ctx.call('GET', `/api/v1/customers/${other.id}/contacts`, { as: agent })).json().items;
    expect(leader).toContainEqual(expect.objectContaining({ name: '赵院长', role: 'leadership' }));
  });

  test('modules: date cells, Excel serial numbers and text dates; acceptance words mapped to the states', async () => {
    const hospital = await ctx.customer();
    const file = await xlsx([
      ['客户名称', '系统', '模块', '版本', '上线日期', '验收状态', '验收日期'],
      [hospital.name, 'HIS', '门诊收费', 'V5.2', { value: new Date('2024-03-01T00:00:00Z'), format: 'yyyy-mm-dd' }, '已验收', '2024/9/30'],
      // 46082 is 2026-03-01 in Excel's 1900 date system.
      [hospital.name, 'EMR', '住院病历', '3.0', 46082, '运行未验收', null],
      [hospital.name, 'LIS', '检验报告', null, null, '未上线', null],
    ]);
    const { preview, commit } = await importFile(agent, 'modules', { fileName: '模块.xlsx', data: file });
    expect(preview).toMatchObject({ kind: 'modules', format: 'xlsx', rows: 3, valid: 3, errors: [] });
    expect(commit.statusCode, commit.body).toBe(201);
    const modules = (await ctx.call('GET', `/api/v1/customers/${hospital.id}/modules`, { as: agent })).json().items;
    expect(modules).toMatchObject([
      {
        system: 'EMR',
        module: '住院病历',
        version: '3.0',
        goLiveDate: '2026-03-01',
        acceptanceState: 'running_unaccepted',
        acceptanceDate: null,
      },
      {
        system: 'HIS',
        module: '门诊收费',
        version: 'V5.2',
        goLiveDate: '2024-03-01',
        acceptanceState: 'accepted',
        acceptanceDate: '2024-09-30',
      },
      { system: 'LIS', module: '检验报告', version: null, goLiveDate: null, acceptanceState: 'not_launched', acceptanceDate: null },
    ]);
  });
});

describe('bad rows: the preview lists every one, the commit writes nothing', () => {
  test('two bad rows among good ones: both reasons in the preview, 422 with the same list, no row written', async () => {
    const good = ctx.unique('好医院');
    const file = utf8Bom([
      ['客户名称', '省份', '城市', '床位'],
      [good, '湖北省', '武汉市', '800'],
      [ctx.unique('缺城市医院'), '湖北省', '', '300'],
      [ctx.unique('床位错误医院'), '湖北省', '宜昌市', '很多'],
    ]);
    const before = await state();
    const preview = await send(agent, 'preview', 'customers', { fileName: 'bad.csv', data: file });
    expect(preview.statusCode).toBe(200);
    const errors = [
      { row: 3, column: '城市', code: 'required', params: {}, reason: 'required' },
      {
        row: 4,
        column: '床位',
        code: 'invalid',
        params: { rule: 'beds', value: '很多', min: 0, max: 100_000 },
        reason: expect.stringContaining('很多'),
      },
    ];
    expect(preview.json()).toMatchObject({ rows: 3, valid: 1, errors });
    expect(preview.json().errors).toHaveLength(2);

    const commit = await send(agent, 'commit', 'customers', { fileName: 'bad.csv', data: file, fields: { token: preview.json().token } });
    expect(commit.statusCode).toBe(422);
    expect(commit.json().error).toMatchObject({ code: 'import_invalid', details: { kind: 'customers', rows: 3, valid: 1, errors } });
    expect(commit.json().error.details.errors).toEqual(preview.json().errors);
    expect(await state()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/customers?q=${encodeURIComponent(good)}`, { as: agent })).json().items).toEqual([]);
  });

  test('bad cells in modules and contacts: unknown customer, acceptance without a date, bad e-mail and phone', async () => {
    const hospital = await ctx.customer();
    const modules = await xlsx([
      ['客户名称', '系统', '模块', '上线日期', '验收状态', '验收日期'],
      [hospital.name, 'HIS', '挂号', '2025-01-01', '已验收', null],
      ['没有这家医院', 'HIS', '挂号', null, null, null],
      [hospital.name, 'PACS', '影像', '2025-13-01', '差不多', null],
      [hospital.name, 'RIS', '登记', '2025-06-01', '已验收', '2025-05-01'],
    ]);
    const before = await state();
    const preview = (await send(agent, 'preview', 'modules', { fileName: 'm.xlsx', data: modules })).json();
    expect(preview.valid).toBe(0);
    expect(preview.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, '验收日期', 'required'],
      [3, '客户名称', 'unknown_customer'],
      [4, '上线日期', 'invalid'],
      [4, '验收状态', 'invalid'],
      [5, '验收日期', 'invalid'],
    ]);
    expect((await send(agent, 'commit', 'modules', { fileName: 'm.xlsx', data: modules })).statusCode).toBe(422);

    const contacts = Buffer.from(
      csvText([
        ['客户名称', '姓名', '电话', '邮箱'],
        [hospital.name, '钱工', 'call me', 'qian@'],
      ]),
    );
    const contactErrors = (await send(agent, 'preview', 'contacts', { fileName: 'c.csv', data: contacts })).json().errors;
    expect(contactErrors.map((e: { column: string }) => e.column)).toEqual(['电话', '邮箱']);
    expect(await state()).toEqual(before);
  });

  test('duplicates: a name twice in the file and a name already in the archive are errors, not updates', async () => {
    const existing = await ctx.customer();
    const twice = ctx.unique('重复医院');
    const file = utf8Bom([
      ['客户名称', '省份', '城市', '等级'],
      [twice, '湖北省', '武汉市', '二级甲等'],
      [twice, '湖北省', '武汉市', '二级甲等'],
      [existing.name, '湖北省', '孝感市', '三级乙等'],
    ]);
    const before = await state();
    const preview = (await send(agent, 'preview', 'customers', { fileName: 'dup.csv', data: file })).json();
    expect(preview.errors).toEqual([
      { row: 3, column: '客户名称', code: 'duplicate_in_file', params: { firstRow: 2 }, reason: 'repeats row 2' },
      { row: 4, column: '客户名称', code: 'exists', params: { kind: 'customers' }, reason: 'a customer with this name already exists' },
    ]);
    expect((await send(agent, 'commit', 'customers', { fileName: 'dup.csv', data: file })).statusCode).toBe(422);
    expect(await state()).toEqual(before);
    // The existing customer was not updated.
    expect((await ctx.call('GET', `/api/v1/customers/${existing.id}`, { as: agent })).json().city).toBe('武汉市');

    // A module the customer already has, and a contact of the same name: errors too.
    await ctx.call('POST', `/api/v1/customers/${existing.id}/modules`, { as: agent, body: { system: 'HIS', module: '门诊' } });
    const modules = Buffer.from(
      csvText([
        ['客户名称', '系统', '模块'],
        [existing.name, 'his', '门诊'],
      ]),
    );
    expect((await send(agent, 'preview', 'modules', { fileName: 'm.csv', data: modules })).json().errors).toMatchObject([
      { row: 2, column: '模块', code: 'exists' },
    ]);
    const contacts = Buffer.from(
      csvText([
        ['客户名称', '姓名'],
        [existing.name, '张主任'],
      ]),
    );
    expect((await send(agent, 'preview', 'contacts', { fileName: 'c.csv', data: contacts })).json().errors).toMatchObject([
      { row: 2, column: '姓名', code: 'exists' },
    ]);
  });

  test('the same customers file committed twice at once: one import wins, the other writes nothing', async () => {
    const name = ctx.unique('并发医院');
    const file = utf8Bom([
      ['客户名称', '省份', '城市'],
      [name, '湖北省', '武汉市'],
    ]);
    const before = await counts();
    const results = await Promise.all([
      send(agent, 'commit', 'customers', { fileName: 'a.csv', data: file }),
      send(agent, 'commit', 'customers', { fileName: 'a.csv', data: file }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(201);
    expect([409, 422]).toContain(codes[1]);
    expect(await counts()).toEqual({ ...before, customers: before.customers + 1, audit: before.audit + 1 });
  });

  test('over the row cap: refused with one error, nothing written', async () => {
    const rows = [['客户名称', '省份', '城市']];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) rows.push([`上限测试医院${i}`, '湖北省', '武汉市']);
    const file = Buffer.from(csvText(rows));
    const before = await state();
    const preview = (await send(agent, 'preview', 'customers', { fileName: 'big.csv', data: file })).json();
    expect(preview.errors).toEqual([
      { row: MAX_IMPORT_ROWS + 2, code: 'too_many_rows', params: { max: MAX_IMPORT_ROWS }, reason: expect.stringContaining('5000') },
    ]);
    expect((await send(agent, 'commit', 'customers', { fileName: 'big.csv', data: file })).statusCode).toBe(422);
    expect(await state()).toEqual(before);
  });
});

describe('refused uploads', () => {
  const good = () =>
    utf8Bom([
      ['客户名称', '省份', '城市'],
      [ctx.unique('医院'), '湖北省', '武汉市'],
    ]);

  test('an unknown kind is 400; a contacts file sent as customers lists the missing columns and commits nothing', async () => {
    const before = await state();
    const res = await send(agent, 'preview', 'orders', { fileName: 'x.csv', data: good() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { kind: expect.any(String) } });
    expect((await send(agent, 'commit', 'orders', { fileName: 'x.csv', data: good() })).statusCode).toBe(400);

    const contacts = Buffer.from(
      csvText([
        ['客户名称', '姓名', '电话'],
        ['某医院', '张三', '123456'],
      ]),
    );
    const preview = (await send(agent, 'preview', 'customers', { fileName: 'c.csv', data: contacts })).json();
    expect(preview.valid).toBe(0);
    expect(preview.errors.map((e: { code: string; column: string }) => [e.code, e.column])).toEqual([
      ['missing_column', '省份'],
      ['missing_column', '城市'],
    ]);
    expect((await send(agent, 'commit', 'customers', { fileName: 'c.csv', data: contacts })).statusCode).toBe(422);
    expect(await state()).toEqual(before);
  });

  test('a file over the upload limit is 413 and nothing is written', async () => {
    const before = await state();
    const big = Buffer.concat([good(), Buffer.alloc(ctx.deps.config.maxUploadBytes, 0x20)]);
    for (const step of ['preview', 'commit'] as const) {
      const res = await send(agent, step, 'customers', { fileName: 'big.csv', data: big });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('payload_too_large');
    }
    expect(await state()).toEqual(before);
  });

  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const XLS = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024, 0)]);
  const BINARY = Buffer.from([0x00, 0x01, 0x02, 0x41, 0x42, 0x00, 0xff, 0xfe]);
  const BROKEN_XLSX = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('[Content_Types].xml'), Buffer.alloc(100, 1)]);

  test.each([
    { what: 'a PNG', data: PNG },
    { what: 'an old binary .xls', data: XLS },
    { what: 'a binary blob', data: BINARY },
    { what: 'a broken zip named .xlsx', data: BROKEN_XLSX },
  ])('$what is not a spreadsheet: 415 and nothing written', async ({ data }) => {
    const before = await state();
    for (const step of ['preview', 'commit'] as const) {
      const res = await send(agent, step, 'customers', { fileName: 'customers.xlsx', data });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
    }
    expect(await state()).toEqual(before);
  });

  test('an XLSX whose directory declares more than the cap is 413 before anything is inflated', async () => {
    const bomb = await xlsx([
      ['客户名称', '省份', '城市'],
      ['某医院', '湖北省', '武汉市'],
    ]);
    // Declare 4 GB for the first entry in the zip's central directory (uncompressed size at +24).
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(central).toBeGreaterThan(0);
    bomb.writeUInt32LE(0xfffffff0, central + 24);
    const before = await state();
    const res = await send(agent, 'preview', 'customers', { fileName: 'bomb.xlsx', data: bomb });
    expect(res.statusCode, res.body).toBe(413);
    expect(await state()).toEqual(before);
  });

  test('an XLSX whose zip directory understates its size (a lying bomb) is 413: the real bytes are counted while inflating', async () => {
    // A real workbook whose sheet is 40 MB of spaces (~40 kB deflated), written as a stream (sizes in
    // data descriptors), then every size the zip declares for it set to 1,000 bytes.
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    });
    const workbook = unzipSync(await xlsx([['客户名称'], ['某医院']]));
    for (const [name, data] of Object.entries(workbook)) {
      const entry = new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      if (name !== 'xl/worksheets/sheet1.xml') {
        entry.push(data, true);
        continue;
      }
      const mb = new Uint8Array(1 << 20).fill(0x20);
      for (let i = 0; i < 40; i++) entry.push(mb, false);
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
    const bomb = Buffer.concat(parts);
    const lie = (signature: number[], at: number, isSheet: (offset: number) => boolean) => {
      for (let o = bomb.indexOf(Buffer.from(signature)); o >= 0; o = bomb.indexOf(Buffer.from(signature), o + 4)) {
        if (isSheet(o) && bomb.readUInt32LE(o + at) > 1000) bomb.writeUInt32LE(1000, o + at);
      }
    };
    const named = (o: number, lengthAt: number, nameAt: number) =>
      bomb.toString('latin1', o + nameAt, o + nameAt + bomb.readUInt16LE(o + lengthAt)) === 'xl/worksheets/sheet1.xml';
    lie([0x50, 0x4b, 0x01, 0x02], 24, (o) => named(o, 28, 46)); // central directory
    lie([0x50, 0x4b, 0x07, 0x08], 12, () => true); // data descriptors
    let declared = 0;
    unzipSync(bomb, {
      filter: (f) => {
        declared += f.originalSize;
        return false;
      },
    });
    expect(declared).toBeLessThan(MAX_XLSX_INFLATED_BYTES);
    expect(bomb.length).toBeLessThan(200_000);

    const before = await state();
    const res = await send(agent, 'preview', 'customers', { fileName: 'bomb.xlsx', data: bomb });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', fields: { file: 'too large' } });
    expect(await state()).toEqual(before);
  });

  test('a commit with another file than the previewed one is 409', async () => {
    const preview = (await send(agent, 'preview', 'customers', { fileName: 'a.csv', data: good() })).json();
    const before = await state();
    const res = await send(agent, 'commit', 'customers', { fileName: 'a.csv', data: good(), fields: { token: preview.token } });
    expect(res.statusCode).toBe(409);
    expect(await state()).toEqual(before);
  });

  test('no file, or not multipart: 400', async () => {
    const body = multipart({ kind: 'customers' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports/preview',
      headers: { cookie: agent.cookie, [CSRF_HEADER]: agent.csrf, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    expect((await ctx.call('POST', '/api/v1/imports/preview', { as: agent, body: { kind: 'customers' } })).statusCode).toBe(400);
  });

  test('customer users and engineers may not import (403); managers and admins may', async () => {
    const hospital = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: hospital.id });
    const engineer = await ctx.user('engineer');
    const before = await state();
    for (const who of [hospitalUser, engineer]) {
      for (const step of ['preview', 'commit'] as const) {
        const res = await send(who, step, 'customers', { fileName: 'a.csv', data: good() });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    }
    expect(await state()).toEqual(before);
    for (const role of ['manager', 'admin'] as const) {
      const { commit } = await importFile(await ctx.user(role), 'customers', { fileName: 'a.csv', data: good() });
      expect(commit.statusCode).toBe(201);
    }
  });
});
