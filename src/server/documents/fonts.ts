import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';

/**
 * The CJK font PDFs are set in. By default the OFL Noto Sans Hans (GB2312 coverage) shipped by the
 * npm package @embedpdf/fonts-sc, so a fresh `npm install` prints Chinese with nothing from apt;
 * AFTERSALES_PDF_FONT overrides it (a .ttf/.otf, or a .ttc collection with #PostScriptName).
 * Files are read once per process and kept (two faces of ~8.5 MB); pdfkit embeds only the glyphs a
 * document uses, so a PDF stays small.
 */
export type PdfFonts = { regular: FontFace; bold: FontFace };
export type FontFace = { bytes: Buffer; postscriptName: string | null; label: string };

export function bundledFontPaths(): { regular: string; bold: string } {
  // The package exports only its JS entry: find the fonts beside it.
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const dir = path.join(path.dirname(entry), '..', 'fonts');
  return { regular: path.join(dir, 'NotoSansHans-Regular.otf'), bold: path.join(dir, 'NotoSansHans-Bold.otf') };
}

const cache = new Map<string, Promise<PdfFonts>>();

export function unavailable(why: string): AppError {
  return new AppError('pdf_font_unavailable', `no CJK font for PDFs: ${why} (set AFTERSALES_PDF_FONT to a CJK .ttf/.otf/.ttc)`);
}

async function load(font: Config['pdfFont']): Promise<PdfFonts> {
  const paths = font ? { regular: font.path, bold: font.path.replace(/Regular(\.[a-z]+)$/i, 'Bold$1') } : bundledFontPaths();
  const postscriptName = font?.postscriptName ?? null;
  let regular: Buffer;
  try {
    regular = await readFile(paths.regular);
  } catch {
    throw unavailable(`${paths.regular} is not readable`);
  }
  const face = (bytes: Buffer, file: string, name: string | null): FontFace => ({
    bytes,
    postscriptName: name,
    label: `${file}${name ? `#${name}` : ''}`,
  });
  const regularFace = face(regular, paths.regular, postscriptName);
  if (paths.bold === paths.regular) return { regular: regularFace, bold: regularFace };
  try {
    const bold = await readFile(paths.bold);
    return { regular: regularFace, bold: face(bold, paths.bold, postscriptName?.replace(/Regular$/, 'Bold') ?? null) };
  } catch {
    // No bold sibling: headings use the regular face.
    return { regular: regularFace, bold: regularFace };
  }
}

/** The configured fonts, read on first use and cached; a failed read is not cached (the file may appear). */
export function pdfFonts(font: Config['pdfFont']): Promise<PdfFonts> {
  const key = font ? `${font.path}#${font.postscriptName ?? ''}` : 'bundled';
  let entry = cache.get(key);
  if (!entry) {
    entry = load(font);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
  }
  return entry;
}
