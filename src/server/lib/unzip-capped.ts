import { Unzip, UnzipInflate } from 'fflate';

// Unzips an uploaded archive (an XLSX) counting the bytes that really come out, and gives up as soon
// as they pass a cap. The sizes a zip declares are the attacker's to choose: a central directory that
// says 1 kB for an entry of 1 GB made the old check (sum the declared sizes) pass, and the reader then
// spent 10–12 s of CPU inflating it. Here the compressed bytes go in 4 kB at a time, so one step can
// inflate at most ~4 MB (deflate's ratio is ~1:1032) before the count is checked again.

export class UnzipLimitError extends Error {}
export class UnzipFormatError extends Error {}

const STEP = 4096;

export function unzipCapped(
  bytes: Uint8Array,
  { maxBytes, maxEntries = 10_000, filter }: { maxBytes: number; maxEntries?: number; filter: (name: string) => boolean },
): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  let entries = 0;
  let failure: Error | undefined;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    if (++entries > maxEntries) {
      failure = new UnzipLimitError(`more than ${maxEntries} entries`);
      return;
    }
    if (!filter(file.name)) return;
    if (file.compression !== 0 && file.compression !== 8) {
      failure = new UnzipFormatError(`unsupported compression ${file.compression} in ${file.name}`);
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, data, final) => {
      if (failure) return;
      if (error) {
        failure = new UnzipFormatError(error.message);
        return;
      }
      total += data.length;
      size += data.length;
      if (total > maxBytes) {
        failure = new UnzipLimitError(`more than ${maxBytes} bytes once unpacked`);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) {
        const out = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          out.set(c, at);
          at += c.length;
        }
        files[file.name] = out;
      }
    };
    file.start();
  };
  try {
    for (let at = 0; at < bytes.length && !failure; at += STEP) {
      unzip.push(bytes.subarray(at, Math.min(at + STEP, bytes.length)), at + STEP >= bytes.length);
    }
  } catch (error) {
    failure ??= new UnzipFormatError((error as Error).message);
  }
  if (failure) throw failure;
  return files;
}
