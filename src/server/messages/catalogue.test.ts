import { describe, expect, it } from 'vitest';
import { defineMessages, formatMessage, toLocale, translator } from './catalogue.ts';

describe('server message catalogue', () => {
  const messages = defineMessages({
    'zh-CN': { greeting: '您好，{name}' },
    en: { greeting: 'Hello, {name}' },
  });

  it('renders in the asked language and falls back to Chinese', () => {
    expect(translator(messages, toLocale('en-GB'))('greeting', { name: 'Li' })).toBe('Hello, Li');
    expect(translator(messages, toLocale('fr'))('greeting', { name: '李' })).toBe('您好，李');
    expect(translator(messages, toLocale(null))('greeting', { name: '李' })).toBe('您好，李');
  });

  it('leaves an unknown placeholder visible instead of printing undefined', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
