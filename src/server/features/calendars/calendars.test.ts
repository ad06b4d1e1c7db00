import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../app.ts';
import { createTestContext, type Session, type TestContext } from '../../testing/test-context.ts';

let ctx: TestContext;
let manager: Session;
let engineer: Session;

const OFFICE: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const officeCalendar = (extra: Record<string, unknown> = {}) => ({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [], sun: [] },
  ...extra,
});

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.user('manager');
  engineer = await ctx.user('engineer');
});
afterAll(() => ctx.close());

describe('calendars API', () => {
  test('the built-in 7×24 and 5×8 calendars exist', async () => {
    const list = (await ctx.call('GET', '/api/v1/calendars', { as: engineer })).json();
    expect(list.items.filter((c: { isBuiltin: boolean }) => c.isBuiltin)).toHaveLength(2);
  });

  test('preview: a 60-minute target from 11:30 on a working Monday is due at 14:00 (lunch break skipped)', async () => {
    const res = await ctx.call('POST', '/api/v1/calendars/preview', {
      as: engineer,
      body: { calendar: officeCalendar(), start: '2026-03-02T11:30:00+08:00', minutes: 60 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ due: '2026-03-02T06:00:00.000Z' });
  });

  test('preview with 调休: the Friday before the National Day make-up Saturday rolls onto that Saturday', async () => {
    const builtin = (await ctx.call('GET', '/api/v1/calendars', { as: engineer }))
      .json()
      .items.find((c: { name: string }) => c.name.startsWith('5×8'));
    const res = await ctx.call('POST', '/api/v1/calendars/preview', {
      as: engineer,
      body: { calendarId: builtin.id, start: '2026-10-09T17:25:00+08:00', minutes: 10 },
    });
    expect(res.json().due).toBe('2026-10-10T00:35:00.000Z'); // Saturday 10 October 08:35 Beijing
  });

  test('between counts business seconds only', async () => {
    const res = await ctx.call('POST', '/api/v1/calendars/between', {
      as: engineer,
      body: { calendar: officeCalendar(), from: '2026-03-02T08:00:00+08:00', to: '2026-03-02T20:00:00+08:00' },
    });
    expect(res.json()).toEqual({ seconds: 7.5 * 3600 });
  });

  test('a manager creates a calendar; explicit holidays and make-up days apply; engineers may not edit', async () => {
    const body = { name: '湖北三甲医院 5×8', definition: officeCalendar({ holidays: ['2026-03-02'], workdays: ['2026-03-07'] }) };
    expect((await ctx.call('POST', '/api/v1/calendars', { as: engineer, body })).statusCode).toBe(403);
    const created = await ctx.call('POST', '/api/v1/calendars', { as: manager, body });
    expect(created.statusCode).toBe(201);
    const preview = await ctx.call('POST', '/api/v1/calendars/preview', {
      as: engineer,
      body: { calendarId: created.json().id, start: '2026-03-02T09:00:00+08:00', minutes: 30 },
    });
    expect(preview.json().due).toBe('2026-03-03T01:00:00.000Z'); // Monday is a holiday: Tuesday 09:00
    expect((await ctx.call('POST', '/api/v1/calendars', { as: manager, body })).statusCode).toBe(409);
  });

  test('iCalendar import adds holidays and make-up days, from text or from a URL', async () => {
    const created = (
      await ctx.call('POST', '/api/v1/calendars', { as: manager, body: { name: '导入测试', definition: officeCalendar() } })
    ).json();
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'DTEND;VALUE=DATE:20270104',
      'SUMMARY:元旦 休',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270109',
      'SUMMARY:元旦 补班',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const fromText = await ctx.call('POST', `/api/v1/calendars/${created.id}/import-ics`, { as: manager, body: { ics } });
    expect(fromText.statusCode).toBe(200);
    expect(fromText.json().imported).toEqual({ holidays: 3, workdays: 1 });
    expect(fromText.json().calendar.definition).toMatchObject({
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: ['2027-01-09'],
    });

    const server = createServer((_req, res) => res.end(ics.replace('20270109', '20270110')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The test server is on loopback, which production refuses: this app allows that one address.
    const app = await build({ deps: { ...ctx.deps, allowedPrivateFetchAddresses: ['127.0.0.1'] } });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/holidays.ics`;
      const fromUrl = await app.inject({
        method: 'POST',
        url: `/api/v1/calendars/${created.id}/import-ics`,
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf },
        payload: { url },
      });
      expect(fromUrl.json().calendar.definition.workdays).toEqual(['2027-01-09', '2027-01-10']);
    } finally {
      server.close();
      await app.close();
    }
    const broken = await ctx.call('POST', `/api/v1/calendars/${created.id}/import-ics`, {
      as: manager,
      body: { ics: 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:2027\nEND:VEVENT' },
    });
    expect(broken.statusCode).toBe(400);
  });
});

describe('bad calendars and durations are a clear 400 and change nothing', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    [
      'unknown zone',
      { calendar: officeCalendar({ timeZone: 'Mars/Olympus' }), start: '2026-03-02T09:00:00Z', minutes: 10 },
      'calendar.timeZone',
    ],
    [
      'malformed time',
      { calendar: officeCalendar({ weekly: { mon: [['8:3', '12:00']] } }), start: '2026-03-02T09:00:00Z', minutes: 10 },
      'calendar.weekly.mon.0.0',
    ],
    [
      'interval ending before it starts',
      { calendar: officeCalendar({ weekly: { mon: [['12:00', '08:00']] } }), start: '2026-03-02T09:00:00Z', minutes: 10 },
      'calendar.weekly.mon.0',
    ],
    [
      'overlapping intervals',
      {
        calendar: officeCalendar({
          weekly: {
            mon: [
              ['08:00', '12:00'],
              ['11:00', '13:00'],
            ],
          },
        }),
        start: '2026-03-02T09:00:00Z',
        minutes: 10,
      },
      'calendar.weekly.mon.1',
    ],
    ['no working time at all', { calendar: officeCalendar({ weekly: {} }), start: '2026-03-02T09:00:00Z', minutes: 10 }, 'calendar.weekly'],
    ['negative duration', { calendar: officeCalendar(), start: '2026-03-02T09:00:00Z', minutes: -5 }, 'minutes'],
    ['absurd duration', { calendar: officeCalendar(), start: '2026-03-02T09:00:00Z', minutes: 10 ** 9 }, 'minutes'],
    ['fractional minutes', { calendar: officeCalendar(), start: '2026-03-02T09:00:00Z', minutes: 1.5 }, 'minutes'],
    ['not an instant', { calendar: officeCalendar(), start: 'next Monday', minutes: 10 }, 'start'],
    [
      'unknown calendar id',
      { calendarId: '00000000-0000-4000-8000-000000000000', start: '2026-03-02T09:00:00Z', minutes: 10 },
      'calendarId',
    ],
  ];
  test.each(bad)('%s', async (_name, body, field) => {
    const before = await ctx.snapshot();
    const res = await ctx.call('POST', '/api/v1/calendars/preview', { as: engineer, body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(Object.keys(res.json().error.fields ?? {}).join(' ')).toContain(field);
    expect(await ctx.snapshot()).toEqual(before);
  });

  test('a calendar with no working time cannot be saved', async () => {
    const res = await ctx.call('POST', '/api/v1/calendars', {
      as: manager,
      body: { name: '空', definition: officeCalendar({ weekly: {} }) },
    });
    expect(res.statusCode).toBe(400);
  });

  test('"to" before "from" is refused', async () => {
    const res = await ctx.call('POST', '/api/v1/calendars/between', {
      as: engineer,
      body: { calendar: officeCalendar(), from: '2026-03-03T00:00:00Z', to: '2026-03-02T00:00:00Z' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('calendar import by URL reaches only public addresses', () => {
  const ICS = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦 休\r\nEND:VEVENT\r\nEND:VCALENDAR';

  async function listen(handler: Parameters<typeof createServer>[1]) {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      handler?.(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return { port, hits: () => hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  async function calendarId() {
    const res = await ctx.call('POST', '/api/v1/calendars', {
      as: manager,
      body: { name: ctx.unique('日历'), definition: officeCalendar() },
    });
    return res.json().id as string;
  }

  test('loopback, private, link-local and unspecified targets are refused without being fetched', async () => {
    const server = await listen((_req, res) => res.end(ICS));
    try {
      const id = await calendarId();
      for (const url of [
        `http://127.0.0.1:${server.port}/h.ics`,
        `http://localhost:${server.port}/h.ics`,
        `http://[::1]:${server.port}/h.ics`,
        `http://[::ffff:127.0.0.1]:${server.port}/h.ics`,
        `http://0.0.0.0:${server.port}/h.ics`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/h.ics',
        'http://192.168.1.1/h.ics',
        'http://[fd00::1]/h.ics',
      ]) {
        const res = await ctx.call('POST', `/api/v1/calendars/${id}/import-ics`, { as: manager, body: { url } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.fields.url, url).toMatch(/private|loopback/);
      }
      expect(server.hits()).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('a redirect to a private address is refused', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    const app = await build({ deps: { ...ctx.deps, allowedPrivateFetchAddresses: ['127.0.0.1'] } });
    try {
      const id = await calendarId();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/calendars/${id}/import-ics`,
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf },
        payload: { url: `http://127.0.0.1:${server.port}/h.ics` },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.url).toMatch(/private/);
      expect(server.hits()).toBe(1);
    } finally {
      await server.close();
      await app.close();
    }
  });

  test('an oversize body is cut off while streaming (no length announced), not read whole first', async () => {
    let sent = 0;
    // Resolved when the server's side of the answer closes: aborted (true) or finished whole (false).
    let markClosed: (isAborted: boolean) => void = () => {};
    const closed = new Promise<boolean>((resolve) => {
      markClosed = resolve;
    });
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      res.on('close', () => markClosed(!res.writableFinished));
      // Up to 50 MB, chunk by chunk, while the client keeps reading.
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const app = await build({ deps: { ...ctx.deps, allowedPrivateFetchAddresses: ['127.0.0.1'] } });
    try {
      const id = await calendarId();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/calendars/${id}/import-ics`,
        headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf },
        payload: { url: `http://127.0.0.1:${server.port}/big.ics` },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('payload_too_large');
      // The close reaches the server's side a moment later; a loaded machine may take longer than any fixed wait.
      expect(await closed).toBe(true);
      expect(sent).toBeLessThan(10 * 1024 * 1024);
    } finally {
      await server.close();
      await app.close();
    }
  });
});
