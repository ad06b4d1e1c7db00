/**
 * Wall clock ↔ instant conversion for IANA zones, built on `Intl.DateTimeFormat` only (no tz database of our own).
 *
 * A zone's UTC offsets are learnt lazily in chunks of 256 days: the offset is sampled once a day and, where two
 * samples differ, the transition is located to the second by bisection (tz transitions fall on whole seconds). The
 * chunk then answers `offsetAt` by a short scan. Two transitions that cancel each other within one day would go
 * unseen; the tz database has none in the supported range.
 *
 * Wall time → instant (`wallToInstant`):
 * - a wall time that occurs once maps to that instant;
 * - a wall time that occurs twice (fall-back overlap) maps to the **earlier** instant;
 * - a wall time that does not occur (spring-forward gap) maps to the **next valid instant**, i.e. the transition
 *   itself (02:30 on a New York spring-forward day → 03:00 EDT). Business intervals therefore measure real elapsed
 *   time: 01:00–04:00 on that day is two hours long, and 02:15–02:45 is empty.
 */
import { DAY_MS } from './civil.ts';

const CHUNK_DAYS = 256;
const CHUNK_MS = CHUNK_DAYS * DAY_MS;
/** Larger than any UTC offset Intl reports (they stay within ±15 h): bounds the window searched around a wall time. */
export const OFFSET_MARGIN_MS = 30 * 3_600_000;

interface Chunk {
  /** Transition instants inside the chunk, ascending. */
  readonly ts: number[];
  /** `offs[0]` is the offset at the chunk's start, `offs[i + 1]` the offset from `ts[i]` on. */
  readonly offs: number[];
}

export class Zone {
  readonly name: string;
  private readonly fmt: Intl.DateTimeFormat;
  private readonly chunks = new Map<number, Chunk>();
  private lastKey = Number.NaN;
  private lastChunk: Chunk | undefined;

  constructor(name: string) {
    this.name = name;
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** UTC offset in ms (local = utc + offset) in force at an instant. */
  offsetAt(ms: number): number {
    const chunk = this.chunk(Math.floor(ms / CHUNK_MS));
    const { ts, offs } = chunk;
    let i = 0;
    while (i < ts.length && ts[i] <= ms) i++;
    return offs[i];
  }

  /** Wall milliseconds (local reading expressed as if UTC) of an instant. */
  toWall(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  /** Whether the offset changes anywhere in the instant range `(from, to]`. */
  hasTransitionIn(from: number, to: number): boolean {
    const first = Math.floor(from / CHUNK_MS);
    const last = Math.floor(to / CHUNK_MS);
    for (let k = first; k <= last; k++) {
      for (const t of this.chunk(k).ts) if (t > from && t <= to) return true;
    }
    return false;
  }

  /** Transitions in `(from, to]`, ascending. */
  transitionsIn(from: number, to: number): number[] {
    const out: number[] = [];
    const first = Math.floor(from / CHUNK_MS);
    const last = Math.floor(to / CHUNK_MS);
    for (let k = first; k <= last; k++) {
      for (const t of this.chunk(k).ts) if (t > from && t <= to) out.push(t);
    }
    return out;
  }

  /** The instant of a wall time: the earlier one in an overlap, the next valid instant (the transition) in a gap. */
  wallToInstant(wall: number): number {
    const lo = wall - OFFSET_MARGIN_MS;
    const hi = wall + OFFSET_MARGIN_MS;
    const o0 = this.offsetAt(lo);
    const ts = this.transitionsIn(lo, hi);
    if (ts.length === 0) return wall - o0;
    // Periods: (-∞, ts[0]) with o0, [ts[i], ts[i+1]) with offsetAt(ts[i]). The offsets are below the margin, so every
    // candidate wall - o lies inside [lo, hi] and the open-ended first and last periods are exact.
    const offs = [o0];
    for (const t of ts) offs.push(this.offsetAt(t));
    for (let i = 0; i < offs.length; i++) {
      const t = wall - offs[i];
      const start = i === 0 ? Number.NEGATIVE_INFINITY : ts[i - 1];
      const end = i === ts.length ? Number.POSITIVE_INFINITY : ts[i];
      if (t >= start && t < end) return t;
    }
    // A gap: the wall time is skipped at the transition where the reading jumps over it.
    for (let i = 0; i < ts.length; i++) {
      if (ts[i] + offs[i] <= wall && wall < ts[i] + offs[i + 1]) return ts[i];
    }
    throw new Error(`cannot place wall time ${new Date(wall).toISOString()} in ${this.name}`);
  }

  private chunk(key: number): Chunk {
    if (key === this.lastKey && this.lastChunk) return this.lastChunk;
    let chunk = this.chunks.get(key);
    if (!chunk) {
      chunk = this.buildChunk(key);
      this.chunks.set(key, chunk);
    }
    this.lastKey = key;
    this.lastChunk = chunk;
    return chunk;
  }

  private buildChunk(key: number): Chunk {
    const start = key * CHUNK_MS;
    const ts: number[] = [];
    let prevAt = start;
    let prevOff = this.rawOffset(start);
    const offs = [prevOff];
    for (let d = 1; d <= CHUNK_DAYS; d++) {
      const at = start + d * DAY_MS;
      const off = this.rawOffset(at);
      // Locate every change between the two samples (normally exactly one).
      let cur = prevOff;
      let from = prevAt;
      while (cur !== off) {
        let lo = from; // offset `cur` here
        let hi = at; // offset differs from `cur` somewhere in (lo, hi]
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.rawOffset(mid) === cur) lo = mid;
          else hi = mid;
        }
        const next = this.rawOffset(hi);
        if (hi < start + CHUNK_MS) {
          ts.push(hi);
          offs.push(next);
        }
        cur = next;
        from = hi;
        if (hi >= at) break;
      }
      prevAt = at;
      prevOff = off;
    }
    return { ts, offs };
  }

  /** Offset straight from Intl (whole seconds). */
  private rawOffset(ms: number): number {
    const secs = Math.floor(ms / 1000) * 1000;
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    let bc = false;
    for (const p of this.fmt.formatToParts(secs)) {
      switch (p.type) {
        case 'year':
          y = Number(p.value);
          break;
        case 'month':
          mo = Number(p.value);
          break;
        case 'day':
          d = Number(p.value);
          break;
        case 'hour':
          h = Number(p.value);
          break;
        case 'minute':
          mi = Number(p.value);
          break;
        case 'second':
          s = Number(p.value);
          break;
        case 'era':
          bc = p.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    const date = new Date(0);
    date.setUTCFullYear(bc ? 1 - y : y, mo - 1, d);
    date.setUTCHours(h, mi, s, 0);
    return date.getTime() - secs;
  }
}

const zones = new Map<string, Zone>();
/** Names already checked: building an Intl.DateTimeFormat costs ~0.1 ms, and validation runs per calendar and per row. */
const knownNames = new Map<string, boolean>();

/** Whether Intl knows the zone name (IANA names such as `Asia/Shanghai`, plus `UTC`). */
export function isKnownTimeZone(name: string): boolean {
  if (zones.has(name)) return true;
  const cached = knownNames.get(name);
  if (cached !== undefined) return cached;
  let isKnown = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    isKnown = false;
  }
  // Bounded: crafted input cannot grow the cache without limit.
  if (knownNames.size < 1000) knownNames.set(name, isKnown);
  return isKnown;
}

/** The shared, cached zone object for a name (throws RangeError for an unknown zone). */
export function zoneFor(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new Zone(name);
    zones.set(name, zone);
  }
  return zone;
}
