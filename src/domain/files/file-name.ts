// What an uploaded file is called once stored. A name is shown to other people (in the timeline, in
// downloads), so it must not lie about itself: bidirectional controls would turn `invoice‮gnp.exe`
// into "invoiceexe.png" on screen, and control characters break headers and logs. Those are
// removed; a name that was not valid UTF-8 (the decoder left U+FFFD) or holds a lone surrogate is
// refused rather than stored as "�".

/** Bidi embeddings/overrides/isolates, the LRM/RLM/ALM marks, and the BOM / zero-width no-break space. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/g;
const CONTROL = /\p{Cc}/gu;
export const MAX_FILE_NAME_LENGTH = 200;

export type FileNameResult = { ok: true; name: string } | { ok: false; reason: 'invalid_encoding' };

export function cleanFileName(raw: string, fallback = 'file'): FileNameResult {
  if (raw.includes('\uFFFD') || !isWellFormed(raw)) return { ok: false, reason: 'invalid_encoding' };
  // The last path segment only (a browser may send C:\fakepath\x.png), then the characters above.
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(INVISIBLE, '').replace(CONTROL, '').normalize('NFC').trim();
  // Cut by code points, never inside a surrogate pair.
  const name = Array.from(cleaned).slice(0, MAX_FILE_NAME_LENGTH).join('');
  return { ok: true, name: name === '' || name === '.' || name === '..' ? fallback : name };
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
