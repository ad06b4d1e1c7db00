/** Escapes LIKE/ILIKE wildcards so user input matches literally (`%`, `_` and the escape itself). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
