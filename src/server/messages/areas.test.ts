import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Messages } from './catalogue.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));

/** Every area file of the catalogue (whatever areas are added later), with each message set it exports. */
async function areas() {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'catalogue.ts');
  const found: { name: string; messages: Messages<string> }[] = [];
  for (const file of files) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(module)) {
      if (value && typeof value === 'object' && 'zh-CN' in value && 'en' in value) {
        found.push({ name: `${file}:${exportName}`, messages: value as Messages<string> });
      }
    }
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('server message areas', () => {
  it('finds the notification and mail areas', async () => {
    const names = (await areas()).map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['notifications.ts:notificationMessages', 'mail.ts:mailMessages']));
  });

  it('every area is complete: same keys, no empty text, the same placeholders in both languages', async () => {
    for (const { name, messages } of await areas()) {
      const keys = Object.keys(messages['zh-CN']).sort();
      expect(Object.keys(messages.en).sort(), name).toEqual(keys);
      for (const key of keys) {
        for (const locale of LOCALES) expect(messages[locale][key].trim(), `${name} ${locale} ${key}`).not.toBe('');
        expect(placeholders(messages.en[key]), `${name} ${key}`).toEqual(placeholders(messages['zh-CN'][key]));
      }
    }
  });
});
