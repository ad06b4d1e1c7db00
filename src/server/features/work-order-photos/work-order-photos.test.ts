import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CSRF_HEADER } from '../../http/authenticate.ts';
import { pdfText } from '../../testing/read-documents.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

// Photos from the engineer's camera and scanned signed forms on a work order: only images (a form also
// as PDF), a size cap, one row per client id (offline replays), hospital users see their own signed-off
// visits' photos and never another organisation's.

const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG = Buffer.from(PNG_B64, 'base64');
/** The start of a JPEG as a phone camera writes it (SOI, APP0 JFIF), padded. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  Buffer.alloc(300, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
/** An iPhone's HEIC: the ISO-BMFF `ftyp` box with the `heic` brand. */
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(200, 0)]);
const PDF = Buffer.from('%PDF-1.4\n%签字单扫描件\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let ctx: TestContext;
let agent: Session;
let engineer: Session;
let otherEngineer: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.user('agent');
  engineer = await ctx.user('engineer', { name: '王工程师' });
  otherEngineer = await ctx.user('engineer');
});
afterAll(() => ctx.close());

type Part = { name: string; value: string } | { name: string; fileName: string; contentType: string; data: Buffer };

function multipart(parts: Part[]) {
  const boundary = `----aftersales${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  as: Session,
  orderId: string,
  file: { fileName?: string; contentType?: string; data: Buffer },
  fields: Record<string, string> = { clientId: randomUUID() },
) {
  const body = multipart([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', fileName: file.fileName ?? 'IMG_0001.jpg', contentType: file.contentType ?? 'image/jpeg', data: file.data },
  ]);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${orderId}/photos`,
    headers: { cookie: as.cookie, [CSRF_HEADER]: as.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const list = (as: Session, orderId: string) => ctx.call('GET', `/api/v1/work-orders/${orderId}/photos`, { as });
const download = (as: Session, orderId: string, photoId: string) =>
  ctx.call('GET', `/api/v1/work-orders/${orderId}/photos/${photoId}`, { as });
const post = (id: string, step: string, body: object = {}, as: Session = engineer) =>
  ctx.call('POST', `/api/v1/work-orders/${id}/${step}`, { as, body });

async function storedFiles(): Promise<string[]> {
  try {
    const entries = await readdir(path.join(ctx.dataDir, 'attachments'), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Row counts and stored files: a refused upload leaves both as they were. */
async function state() {
  return { rows: await ctx.snapshot(), files: await storedFiles() };
}

/** A routine visit of a new hospital with `engineer` on it; checked in. */
async function orderOnSite() {
  const hospital = await ctx.customer();
  const ticket = await ctx.ticket(agent, hospital.id);
  const res = await ctx.call('POST', `/api/v1/tickets/${ticket.id}/work-orders`, {
    as: agent,
    body: { type: 'routine', plannedAt: '2026-03-02T06:00:00Z', engineerIds: [engineer.user.id] },
  });
  expect(res.statusCode).toBe(201);
  const order = res.json();
  expect((await post(order.id, 'check-in')).statusCode).toBe(200);
  return { hospital, order };
}

describe('photos on a work order', () => {
  test('a camera photo is stored, listed and downloaded byte for byte; a replay of its client id returns the first, never a second', async () => {
    const { order } = await orderOnSite();
    const clientId = randomUUID();
    const first = await upload(engineer, order.id, { fileName: 'IMG_0001.jpg', data: JPEG }, { clientId });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      workOrderId: order.id,
      clientId,
      kind: 'photo',
      contentType: 'image/jpeg',
      sizeBytes: JPEG.length,
    });
    const before = await state();

    // The phone lost the response and sends the same photo again when the network returns.
    const replay = await upload(engineer, order.id, { fileName: 'IMG_0001.jpg', data: JPEG }, { clientId });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(first.json().id);
    expect(await state()).toEqual(before);

    const items = (await list(engineer, order.id)).json().items;
    expect(items.map((p: { id: string }) => p.id)).toEqual([first.json().id]);
    const file = await download(agent, order.id, first.json().id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toMatch(/^inline;/);
    expect(file.rawPayload.equals(JPEG)).toBe(true);
  });

  test('PNG and HEIC are photos too; the type comes from the bytes, not the name', async () => {
    const { order } = await orderOnSite();
    const png = await upload(engineer, order.id, { fileName: 'shot.jpg', contentType: 'image/jpeg', data: PNG });
    expect(png.statusCode).toBe(201);
    expect(png.json().contentType).toBe('image/png');
    const heic = await upload(engineer, order.id, { fileName: 'IMG_0002.HEIC', contentType: 'application/octet-stream', data: HEIC });
    expect(heic.statusCode).toBe(201);
    expect(heic.json().contentType).toBe('image/heic');
  });

  test('bad input is a clear 4xx and changes nothing: not an image, too large, no client id, an unknown kind', async () => {
    const { order } = await orderOnSite();
    const before = await state();

    const text = await upload(engineer, order.id, { fileName: 'photo.jpg', data: Buffer.from('not a photo at all') });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    // A PDF is a scanned form, not a photo.
    const pdf = await upload(engineer, order.id, { fileName: 'scan.pdf', contentType: 'application/pdf', data: PDF });
    expect(pdf.statusCode).toBe(415);

    const tooBig = Buffer.concat([JPEG, Buffer.alloc(ctx.deps.config.maxUploadBytes, 0x22)]);
    const big = await upload(engineer, order.id, { data: tooBig });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');

    const noId = await upload(engineer, order.id, { data: JPEG }, {});
    expect(noId.statusCode).toBe(400);
    expect(noId.json().error.fields).toHaveProperty('clientId');
    const badKind = await upload(engineer, order.id, { data: JPEG }, { clientId: randomUUID(), kind: 'selfie' });
    expect(badKind.statusCode).toBe(400);

    const notMultipart = await ctx.call('POST', `/api/v1/work-orders/${order.id}/photos`, {
      as: engineer,
      body: { clientId: randomUUID() },
    });
    expect([400, 415]).toContain(notMultipart.statusCode);

    expect(await state()).toEqual(before);
    expect((await list(engineer, order.id)).json().items).toEqual([]);
  });

  test('a NUL and other control characters in the file name are removed before the name is stored', async () => {
    const { order } = await orderOnSite();
    const res = await upload(engineer, order.id, { fileName: 'IMG\u0000_0003\u0007.jpg', data: JPEG });
    expect(res.statusCode).toBe(201);
    expect(res.json().fileName).toBe('IMG_0003.jpg');
    const file = await download(engineer, order.id, res.json().id);
    expect(String(file.headers['content-disposition'])).not.toContain('\u0000');
  });

  test('only the engineers on the order (or who may act for others) add photos; the same client id on another order is a conflict', async () => {
    const { order } = await orderOnSite();
    const before = await state();
    const other = await upload(otherEngineer, order.id, { data: JPEG });
    expect(other.statusCode).toBe(403);
    expect(await state()).toEqual(before);

    const clientId = randomUUID();
    expect((await upload(engineer, order.id, { data: JPEG }, { clientId })).statusCode).toBe(201);
    const { order: second } = await orderOnSite();
    const reused = await upload(engineer, second.id, { data: JPEG }, { clientId });
    expect(reused.statusCode).toBe(409);
    expect((await list(engineer, second.id)).json().items).toEqual([]);
  });

  test("hospital users see their own visit's photos once it is signed off; another organisation's user gets 404", async () => {
    const { hospital, order } = await orderOnSite();
    const photo = (await upload(engineer, order.id, { data: JPEG })).json();
    const own = await ctx.user('customer', { customerId: hospital.id });
    const stranger = await ctx.user('customer', { customerId: (await ctx.customer()).id });

    // Before sign-off: the hospital sees none yet, and may not add any.
    expect((await list(own, order.id)).json().items).toEqual([]);
    expect((await download(own, order.id, photo.id)).statusCode).toBe(404);
    expect((await upload(own, order.id, { data: JPEG })).statusCode).toBe(403);

    expect((await post(order.id, 'check-out')).statusCode).toBe(200);
    const signed = await post(order.id, 'sign-off', { signerName: '张主任', signature: `data:image/png;base64,${PNG_B64}` });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().signatureKind).toBe('drawn');

    expect((await list(own, order.id)).json().items.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    expect((await download(own, order.id, photo.id)).statusCode).toBe(200);

    const before = await state();
    expect((await list(stranger, order.id)).statusCode).toBe(404);
    expect((await download(stranger, order.id, photo.id)).statusCode).toBe(404);
    expect((await upload(stranger, order.id, { data: JPEG })).statusCode).toBe(404);
    expect((await ctx.call('DELETE', `/api/v1/work-orders/${order.id}/photos/${photo.id}`, { as: stranger })).statusCode).toBe(404);
    expect(await state()).toEqual(before);

    // The report lists the photos.
    const pdf = await ctx.call('GET', `/api/v1/work-orders/${order.id}/report.pdf`, { as: own });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('现场照片');
    expect(text).toContain('1 张');
  });

  test('staff delete a photo before sign-off (the file goes too); after sign-off the photos are kept', async () => {
    const { order } = await orderOnSite();
    const filesBefore = await storedFiles();
    const wrong = (await upload(engineer, order.id, { data: JPEG })).json();
    const kept = (await upload(engineer, order.id, { data: PNG, fileName: 'ok.png' })).json();
    expect((await ctx.call('DELETE', `/api/v1/work-orders/${order.id}/photos/${wrong.id}`, { as: engineer })).statusCode).toBe(204);
    expect((await list(engineer, order.id)).json().items.map((p: { id: string }) => p.id)).toEqual([kept.id]);
    expect((await storedFiles()).length).toBe(filesBefore.length + 1);
    expect((await ctx.call('DELETE', `/api/v1/work-orders/${order.id}/photos/${wrong.id}`, { as: engineer })).statusCode).toBe(404);

    expect((await post(order.id, 'check-out')).statusCode).toBe(200);
    expect((await post(order.id, 'sign-off', { signerName: '张主任', signature: `data:image/png;base64,${PNG_B64}` })).statusCode).toBe(
      200,
    );
    const before = await state();
    const late = await ctx.call('DELETE', `/api/v1/work-orders/${order.id}/photos/${kept.id}`, { as: engineer });
    expect(late.statusCode).toBe(409);
    const lateUpload = await upload(engineer, order.id, { data: JPEG });
    expect(lateUpload.statusCode).toBe(409);
    expect(await state()).toEqual(before);
  });
});

describe('a scanned signed form instead of the drawn signature', () => {
  test('the form (PDF) is uploaded, the sign-off names it, records which it was, and the report says it is archived', async () => {
    const { order } = await orderOnSite();
    expect((await post(order.id, 'check-out')).statusCode).toBe(200);
    const formClientId = randomUUID();
    const form = await upload(
      engineer,
      order.id,
      { fileName: '签字单.pdf', contentType: 'application/pdf', data: PDF },
      { clientId: formClientId, kind: 'signed_form' },
    );
    expect(form.statusCode).toBe(201);
    expect(form.json()).toMatchObject({ kind: 'signed_form', contentType: 'application/pdf' });

    const clientActionId = randomUUID();
    const signed = await post(order.id, 'sign-off', { signerName: '李主任', signedFormClientId: formClientId, clientActionId });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed_off',
      signatureKind: 'scanned_form',
      signedFormId: form.json().id,
      hasSignature: false,
      visitId: expect.any(String),
    });
    // The offline replay of the same sign-off is answered, not applied again.
    const before = await state();
    const replay = await post(order.id, 'sign-off', { signerName: '李主任', signedFormClientId: formClientId, clientActionId });
    expect(replay.statusCode).toBe(200);
    expect(await state()).toEqual(before);

    const pdf = await ctx.call('GET', `/api/v1/work-orders/${order.id}/report.pdf`, { as: agent });
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('签字单已扫描存档');
    expect(text).toContain('0 张');
  });

  test('a sign-off needs exactly one of the two, and a form of this order: otherwise 400 and nothing changes', async () => {
    const { order } = await orderOnSite();
    expect((await post(order.id, 'check-out')).statusCode).toBe(200);
    const photoId = randomUUID();
    expect((await upload(engineer, order.id, { data: JPEG }, { clientId: photoId })).statusCode).toBe(201);
    const before = await state();
    const signature = `data:image/png;base64,${PNG_B64}`;
    for (const body of [
      { signerName: '李主任' },
      { signerName: '李主任', signature, signedFormClientId: randomUUID() },
      { signerName: '李主任', signedFormClientId: randomUUID() },
      // A photo is not a signed form.
      { signerName: '李主任', signedFormClientId: photoId },
    ]) {
      const res = await post(order.id, 'sign-off', body);
      expect(res.statusCode).toBe(400);
    }
    expect(await state()).toEqual(before);
    expect((await ctx.call('GET', `/api/v1/work-orders/${order.id}`, { as: agent })).json().status).toBe('checked_out');
  });
});
