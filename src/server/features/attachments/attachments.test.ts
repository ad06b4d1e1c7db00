import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CSRF_HEADER } from '../../http/authenticate.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let agent: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
});
afterAll(() => ctx.close());

// A real (1×1, transparent) PNG: the signature, IHDR, IDAT and IEND chunks.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// The start of a Linux executable and of a Windows one: refused whatever they are called.
const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(8),
  Buffer.from([0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00]),
  Buffer.alloc(200, 0),
]);
const WINDOWS_EXE = (() => {
  const exe = Buffer.alloc(512, 0);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c); // e_lfanew: where the PE header starts
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return exe;
})();

type Part = { name: string; value: string } | { name: string; fileName: string | Buffer; contentType: string; data: Buffer };

/** A multipart/form-data body written out by hand, as a browser would send it (raw UTF-8 file names). */
function multipart(parts: Part[]) {
  const boundary = `----aftersales${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="`),
        Buffer.isBuffer(part.fileName) ? part.fileName : Buffer.from(part.fileName),
        Buffer.from(`"\r\nContent-Type: ${part.contentType}\r\n\r\n`),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  as: Session,
  ticketId: string,
  file: { fileName: string | Buffer; contentType: string; data: Buffer },
  fields: Record<string, string> = {},
) {
  const body = multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', ...file }]);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/attachments`,
    headers: { cookie: as.cookie, [CSRF_HEADER]: as.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

function download(as: Session | undefined, attachmentId: string) {
  return ctx.app.inject({ method: 'GET', url: `/api/v1/attachments/${attachmentId}`, headers: as ? { cookie: as.cookie } : {} });
}

/** Every file under the attachment store, temporary `.part` files included. */
async function storedFiles(): Promise<string[]> {
  const root = path.join(ctx.dataDir, 'attachments');
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Row counts and stored files: a refused upload must leave both exactly as they were. */
async function state() {
  return { rows: await ctx.snapshot(), files: await storedFiles() };
}

describe('uploading a file to a request', () => {
  test('a PNG is stored as image/png whatever the browser claimed, shows on the request, and downloads byte for byte', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const filesBefore = await storedFiles();

    const res = await upload(agent, t.id, { fileName: '错误截图.png', contentType: 'application/octet-stream', data: PNG });
    expect(res.statusCode).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      ticketId: t.id,
      fileName: '错误截图.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      isInternal: false,
      uploadedBy: { id: agent.user.id, name: agent.user.name },
    });
    expect(await storedFiles()).toHaveLength(filesBefore.length + 1);

    const detail = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect(detail.attachments).toEqual([
      expect.objectContaining({ id: attachment.id, fileName: '错误截图.png', contentType: 'image/png' }),
    ]);
    expect(detail.events.at(-1)).toMatchObject({
      type: 'attachment_added',
      isInternal: false,
      actor: { id: agent.user.id },
      data: { attachmentId: attachment.id, fileName: '错误截图.png', sizeBytes: PNG.length },
    });

    const got = await download(agent, attachment.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(got.rawPayload, PNG)).toBe(0);
    const disposition = String(got.headers['content-disposition']);
    // An ASCII fallback for old clients, the Chinese name (RFC 5987) for every current browser.
    expect(disposition).toMatch(/^inline; filename="download\.png"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.replace(/^.*filename\*=UTF-8''/, ''))).toBe('错误截图.png');
  });

  test.each([
    { what: 'a UTF-8 log', text: '2026-03-02 09:00:01 ERROR 数据库连接池耗尽 (max=50)\n2026-03-02 09:00:02 WARN 重试中…\n' },
    { what: 'a note of two Chinese characters', text: '内部' },
    // 7-byte lines: the end of the sniffed window falls inside a character.
    { what: 'a Chinese log longer than the sniffed window', text: '错误\n'.repeat(2000) },
  ])('$what is stored as text/plain and offered as a download', async ({ text }) => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const log = Buffer.from(text, 'utf8');
    const res = await upload(agent, t.id, { fileName: 'his-server.log', contentType: 'application/octet-stream', data: log });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'text/plain', sizeBytes: log.length });

    const got = await download(agent, res.json().id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toMatch(/^text\/plain/);
    expect(String(got.headers['content-disposition'])).toBe(`attachment; filename="his-server.log"; filename*=UTF-8''his-server.log`);
    expect(Buffer.compare(got.rawPayload, log)).toBe(0);
  });

  test('file names: bidi overrides and control characters are removed, so `invoice‮gnp.exe` cannot pose as a PNG', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const res = await upload(agent, t.id, { fileName: 'invoice\u202Egnp.exe', contentType: 'image/png', data: PNG });
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('invoicegnp.exe');
    const isolate = await upload(agent, t.id, { fileName: '\u2067报告\u2069\u200F\u0007.png', contentType: 'image/png', data: PNG });
    expect(isolate.json().fileName).toBe('报告.png');
  });

  test.each([
    { what: 'invalid UTF-8', name: Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2e, 0x70, 0x6e, 0x67]) },
    { what: 'a lone surrogate (CESU bytes)', name: Buffer.from([0x78, 0xed, 0xa0, 0x80, 0x2e, 0x70, 0x6e, 0x67]) },
  ])('a file name with $what is refused with 400, not stored as "�"', async ({ name }) => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const before = await state();
    const res = await upload(agent, t.id, { fileName: name, contentType: 'image/png', data: PNG });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', fields: { file: 'invalid file name' } });
    expect(await state()).toEqual(before);
  });

  test('bytes that are not UTF-8 text and of no known type are refused', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const before = await state();
    const gbk = Buffer.from([0xb4, 0xed, 0xce, 0xf3, 0x0a, 0xff, 0xfe, 0xfd, 0x41, 0x42, 0x43, 0x44, 0x45]);
    const res = await upload(agent, t.id, { fileName: 'gbk.log', contentType: 'text/plain', data: gbk });
    expect(res.statusCode).toBe(415);
    expect(await state()).toEqual(before);
  });

  test.each([
    { what: 'a Linux executable', fileName: 'update', contentType: 'application/octet-stream', data: ELF },
    { what: 'a Windows program dressed as a PNG', fileName: '截图.png', contentType: 'image/png', data: WINDOWS_EXE },
  ])('$what is refused with 415 and nothing is written', async ({ fileName, contentType, data }) => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const before = await state();
    const res = await upload(agent, t.id, { fileName, contentType, data });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
    expect(await state()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json().attachments).toEqual([]);
  });

  test('a file over the upload limit is refused with 413 and nothing is written', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const before = await state();
    const tooBig = Buffer.alloc(ctx.deps.config.maxUploadBytes + 1, 'a');
    const res = await upload(agent, t.id, { fileName: 'huge.log', contentType: 'text/plain', data: tooBig });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await state()).toEqual(before);
  });

  test('a file exactly at the limit is accepted', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const atLimit = Buffer.alloc(ctx.deps.config.maxUploadBytes, 'a');
    const res = await upload(agent, t.id, { fileName: 'full.log', contentType: 'text/plain', data: atLimit });
    expect(res.statusCode).toBe(201);
    expect(res.json().sizeBytes).toBe(atLimit.length);
  });

  test('an empty file is refused with 400 and nothing is written', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const before = await state();
    const res = await upload(agent, t.id, { fileName: 'empty.txt', contentType: 'text/plain', data: Buffer.alloc(0) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(await state()).toEqual(before);
  });
});

describe('who may attach and fetch files', () => {
  test('a hospital user works with its own requests only; other hospitals’ requests and files do not exist for it', async () => {
    const hospitalA = await ctx.customer();
    const hospitalB = await ctx.customer();
    const userA = await ctx.user('customer', { customerId: hospitalA.id });
    const ticketA = await ctx.ticket(userA, hospitalA.id);
    const ticketB = await ctx.ticket(agent, hospitalB.id);
    const fileB = (await upload(agent, ticketB.id, { fileName: 'b.png', contentType: 'image/png', data: PNG })).json();

    const own = await upload(userA, ticketA.id, { fileName: '发票扫描.png', contentType: 'image/png', data: PNG });
    expect(own.statusCode).toBe(201);
    expect(own.json().uploadedBy.id).toBe(userA.user.id);
    const ownDownload = await download(userA, own.json().id);
    expect(ownDownload.statusCode).toBe(200);
    expect(Buffer.compare(ownDownload.rawPayload, PNG)).toBe(0);

    const before = await state();
    const intoB = await upload(userA, ticketB.id, { fileName: 'x.png', contentType: 'image/png', data: PNG });
    expect(intoB.statusCode).toBe(404);
    expect(intoB.json().error.code).toBe('not_found');
    expect(await state()).toEqual(before);

    const fromB = await download(userA, fileB.id);
    expect(fromB.statusCode).toBe(404);
    expect(fromB.rawPayload.includes(PNG)).toBe(false);
  });

  test('internal files are staff-only: a hospital user cannot attach one, list one or fetch one', async () => {
    const hospital = await ctx.customer();
    const hospitalUser = await ctx.user('customer', { customerId: hospital.id });
    const t = await ctx.ticket(agent, hospital.id);

    const before = await state();
    const refused = await upload(hospitalUser, t.id, { fileName: 'a.png', contentType: 'image/png', data: PNG }, { internal: 'true' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(await state()).toEqual(before);

    const internal = await upload(
      agent,
      t.id,
      { fileName: '内部排查.log', contentType: 'text/plain', data: Buffer.from('内部') },
      { internal: 'true' },
    );
    expect(internal.statusCode).toBe(201);
    expect(internal.json().isInternal).toBe(true);
    ctx.clock.advance(60_000);
    const visible = await upload(agent, t.id, { fileName: '处理结果.png', contentType: 'image/png', data: PNG });
    expect(visible.statusCode).toBe(201);

    const staffView = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: agent })).json();
    expect(staffView.attachments.map((a: { id: string }) => a.id)).toEqual([internal.json().id, visible.json().id]);
    expect((await download(agent, internal.json().id)).statusCode).toBe(200);

    const customerView = (await ctx.call('GET', `/api/v1/tickets/${t.id}`, { as: hospitalUser })).json();
    expect(customerView.attachments.map((a: { id: string }) => a.id)).toEqual([visible.json().id]);
    expect(
      customerView.events
        .filter((e: { type: string }) => e.type === 'attachment_added')
        .map((e: { data: { attachmentId: string } }) => e.data.attachmentId),
    ).toEqual([visible.json().id]);
    const fetchInternal = await download(hospitalUser, internal.json().id);
    expect(fetchInternal.statusCode).toBe(404);
    expect(fetchInternal.json().error.code).toBe('not_found');
    expect((await download(hospitalUser, visible.json().id)).statusCode).toBe(200);
  });

  test('downloading without signing in is 401', async () => {
    const hospital = await ctx.customer();
    const t = await ctx.ticket(agent, hospital.id);
    const file = (await upload(agent, t.id, { fileName: 'a.png', contentType: 'image/png', data: PNG })).json();
    const res = await download(undefined, file.id);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(res.rawPayload.includes(PNG)).toBe(false);
  });
});
