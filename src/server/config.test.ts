import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  test('defaults: port 3000 and ./data, embedded database, Beijing time', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      timeZone: 'Asia/Shanghai',
      isCookieSecure: false,
    });
    expect(config.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(config.databasePoolSize).toBe(10);
  });

  test('bad values stop the boot with every problem named', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        AFTERSALES_ADMIN_PASSWORD: 'short',
        AFTERSALES_TIME_ZONE: 'Mars/Base',
        DATABASE_POOL_SIZE: '0',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'AFTERSALES_ADMIN_PASSWORD', 'AFTERSALES_TIME_ZONE'])
        expect(message).toContain(name);
    }
  });

  test('the PDF font: the npm-shipped Noto Sans Hans by default (null), a .ttc needs its #PostScriptName', () => {
    expect(loadConfig({}).pdfFont).toBeNull();
    expect(loadConfig({ AFTERSALES_PDF_FONT: '/fonts/SourceHanSansSC-Regular.otf' }).pdfFont).toEqual({
      path: '/fonts/SourceHanSansSC-Regular.otf',
      postscriptName: null,
    });
    for (const bad of ['/fonts/NotoSansCJK-Regular.ttc', '/fonts/a.woff2', '/fonts/a.ttf#Name']) {
      expect(() => loadConfig({ AFTERSALES_PDF_FONT: bad })).toThrow(/AFTERSALES_PDF_FONT/);
    }
  });

  test('the hotline is optional and only phone characters', () => {
    expect(loadConfig({}).hotline).toBeNull();
    expect(loadConfig({ AFTERSALES_HOTLINE: '400-800-1234' }).hotline).toBe('400-800-1234');
    expect(() => loadConfig({ AFTERSALES_HOTLINE: '<script>' })).toThrow(/AFTERSALES_HOTLINE/);
  });

  test('empty strings count as unset, so a copied .env.example works as it is', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });
});
