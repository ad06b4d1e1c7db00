/**
 * Search tokens for Chinese and English text (pure; no I/O).
 *
 * Index side: lower-cased letter/number words, and for every run of Han characters each adjacent
 * pair (bigram) plus the run's last character on its own. Query side: the AND of the same bigrams,
 * so a Chinese word of two or more characters is found wherever it occurs in unspaced text, inside
 * any compound (打印 finds 打印机, 门诊收费 finds 门诊收费系统) — recall does not depend on a
 * dictionary agreeing with how the author wrote. A one-character Han query is a prefix match on the
 * bigrams (`机:*` matches 机房, 机器…) and, because each run also indexes its last character,
 * catches the character at the end of a run (打印机) too: every occurrence is found.
 * Letter/number words in a query are prefix matches (`print` finds `printer`).
 *
 * Why not `Intl.Segmenter('zh')`: dictionary segmentation splits compounds its own way —
 * 打印机 → 打印|机 is fine, but 医保结算 → 医|保|结算 and 病历卡顿 → 病历卡|顿, so a search for
 * 医保 or 卡顿 (both everyday words at a hospital help desk) would find nothing; 数据库置疑 →
 * 数据|库|置疑 needs the query segmented the same way to match at all. See the tests.
 */

/** The same search tokens on both sides; the database sees only these, joined by spaces. */
export type SearchQuery = {
  /** `to_tsquery('simple', …)` input: operands ANDed, prefix operands marked `:*`. */
  tsquery: string;
  /** Han bigrams and single characters of the query, for highlighting. */
  hanTerms: string[];
  /** Lower-cased letter/number words of the query (prefixes), for highlighting. */
  wordTerms: string[];
};

/** A tsvector holds positions up to 16,383; beyond that more tokens only cost space. */
export const MAX_INDEX_TOKENS = 16_000;
/** Longer "words" are identifiers, hashes or base64 noise, not something anyone searches for. */
const MAX_WORD_LENGTH = 60;
/** A query longer than this many operands is cut: it would only slow the index down. */
const MAX_QUERY_TERMS = 32;

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** One code point, folded the way the index folds it: full-width → half-width (NFKC), lower case. */
export function foldChar(char: string): string {
  const folded = char.normalize('NFKC').toLowerCase();
  return [...folded].length === 1 ? folded : char.toLowerCase();
}

type Run = { kind: 'han' | 'word'; text: string };

type Kind = 'han' | 'word' | null;

/** A folded character and its kind; ASCII and the common Han block take a fast path (bulk indexing). */
function classify(raw: string): [string, Kind] {
  const code = raw.charCodeAt(0);
  if (code < 0x80) {
    if (code >= 0x61 && code <= 0x7a) return [raw, 'word'];
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)) return [raw.toLowerCase(), 'word'];
    return [raw, null];
  }
  if (code >= 0x4e00 && code <= 0x9fff) return [raw, 'han'];
  const char = foldChar(raw);
  return [char, HAN.test(char) ? 'han' : WORD_CHAR.test(char) ? 'word' : null];
}

/** Splits text into runs of Han characters and runs of other letters/digits; everything else separates. */
function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const raw of text) {
    const [char, kind] = classify(raw);
    if (kind === null) {
      current = null;
      continue;
    }
    if (current && current.kind === kind) current.text += char;
    else {
      current = { kind, text: char };
      out.push(current);
    }
  }
  return out;
}

function hanTokens(run: string): string[] {
  const chars = [...run];
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
  tokens.push(chars[chars.length - 1]);
  return tokens;
}

/** Tokens to index, in text order (positions feed ranking). */
export function indexTokens(text: string | null | undefined, limit = MAX_INDEX_TOKENS): string[] {
  if (!text) return [];
  const tokens: string[] = [];
  for (const run of runs(text)) {
    if (run.kind === 'han') tokens.push(...hanTokens(run.text));
    else if (run.text.length <= MAX_WORD_LENGTH) tokens.push(run.text);
    if (tokens.length >= limit) return tokens.slice(0, limit);
  }
  return tokens;
}

/** The text given to `to_tsvector('simple', …)`: tokens separated by spaces. */
export function indexDocument(text: string | null | undefined, limit = MAX_INDEX_TOKENS): string {
  return indexTokens(text, limit).join(' ');
}

/**
 * Several fields in order of weight (title first): each gets what is left of the token budget,
 * so a very long reply thread never pushes the title out of the index.
 */
export function indexFields(fields: readonly (string | null | undefined)[], limit = MAX_INDEX_TOKENS): string[] {
  let left = limit;
  return fields.map((field) => {
    const tokens = left > 0 ? indexTokens(field, left) : [];
    left -= tokens.length;
    return tokens.join(' ');
  });
}

/** A query's tsquery and highlight terms, or null when it has nothing searchable (only punctuation). */
export function parseQuery(text: string): SearchQuery | null {
  const operands: string[] = [];
  const hanTerms: string[] = [];
  const wordTerms: string[] = [];
  const add = (operand: string) => {
    if (!operands.includes(operand)) operands.push(operand);
  };
  for (const run of runs(text)) {
    if (run.kind === 'han') {
      const chars = [...run.text];
      if (chars.length === 1) {
        add(`${run.text}:*`);
        hanTerms.push(run.text);
      } else
        for (let i = 0; i + 1 < chars.length; i++) {
          add(chars[i] + chars[i + 1]);
          hanTerms.push(chars[i] + chars[i + 1]);
        }
    } else if (run.text.length <= MAX_WORD_LENGTH) {
      add(`${run.text}:*`);
      wordTerms.push(run.text);
    }
  }
  if (operands.length === 0) return null;
  // Operands contain only letters, digits and Han characters (plus our `:*`), so no tsquery syntax can be injected.
  return { tsquery: operands.slice(0, MAX_QUERY_TERMS).join(' & '), hanTerms: [...new Set(hanTerms)], wordTerms: [...new Set(wordTerms)] };
}

/** `SR-2026-000123` (any case, surrounding spaces): a request number to look up exactly. */
export function requestNumberOf(text: string): string | null {
  const match = /^\s*sr-(\d{4})-(\d{1,6})\s*$/i.exec(text.normalize('NFKC'));
  return match ? `SR-${match[1]}-${match[2].padStart(6, '0')}` : null;
}

export type HighlightSegment = { text: string; isMatch: boolean };

/** Marks where a query matches in a text: Han bigrams/characters anywhere, words by prefix. */
export function highlight(text: string, query: Pick<SearchQuery, 'hanTerms' | 'wordTerms'>): HighlightSegment[] {
  const chars = [...text];
  const folded = chars.map(foldChar);
  const marked = new Array<boolean>(chars.length).fill(false);
  const han = new Set(query.hanTerms);
  for (let i = 0; i < chars.length; i++) {
    if (han.has(folded[i])) marked[i] = true;
    if (i + 1 < chars.length && han.has(folded[i] + folded[i + 1])) {
      marked[i] = true;
      marked[i + 1] = true;
    }
  }
  if (query.wordTerms.length > 0) {
    let i = 0;
    while (i < chars.length) {
      if (!WORD_CHAR.test(folded[i]) || HAN.test(folded[i])) {
        i++;
        continue;
      }
      let j = i;
      while (j < chars.length && WORD_CHAR.test(folded[j]) && !HAN.test(folded[j])) j++;
      const word = folded.slice(i, j).join('');
      const prefix = query.wordTerms.filter((t) => word.startsWith(t)).reduce((a, t) => Math.max(a, t.length), 0);
      for (let k = i; k < i + prefix; k++) marked[k] = true;
      i = j;
    }
  }
  const segments: HighlightSegment[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.isMatch === marked[i]) last.text += chars[i];
    else segments.push({ text: chars[i], isMatch: marked[i] });
  }
  return segments;
}

/**
 * A window of about `width` characters around the first match, with its highlights; the start
 * of the text when nothing matches. Ellipses mark cut ends.
 */
export function snippet(text: string, query: Pick<SearchQuery, 'hanTerms' | 'wordTerms'>, width = 80): HighlightSegment[] | null {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return null;
  const whole = highlight(chars.join(''), query);
  let offset = 0;
  let first = -1;
  for (const s of whole) {
    if (s.isMatch) {
      first = offset;
      break;
    }
    offset += [...s.text].length;
  }
  if (first < 0) return null;
  const start = Math.max(0, Math.min(first - Math.floor(width / 4), chars.length - width));
  const end = Math.min(chars.length, start + width);
  const cut = highlight(chars.slice(start, end).join(''), query);
  if (start > 0) cut.unshift({ text: '…', isMatch: false });
  if (end < chars.length) cut.push({ text: '…', isMatch: false });
  return cut;
}
