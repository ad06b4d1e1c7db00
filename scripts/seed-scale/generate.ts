// Pure generation of the scale data set from a seed: organisations, contacts, staff, and requests
// with their timelines. No I/O; seed-scale.ts writes what this produces in big batches.
import type { DistanceClass } from '../../src/domain/sla.ts';
import type { Random } from '../demo/random.ts';
import * as V from './vocabulary.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A v4-shaped UUID from the seeded PRNG, so the same seed gives the same ids. */
export function uuidFrom(random: Random): string {
  const hex = (n: number) => Math.floor(n).toString(16).padStart(8, '0');
  const a = hex(random.next() * 2 ** 32);
  const b = hex(random.next() * 2 ** 32);
  const c = hex(random.next() * 2 ** 32);
  const d = hex(random.next() * 2 ** 32);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((Number.parseInt(c[0], 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

export type CustomerGen = {
  id: string;
  name: string;
  kind: 'hospital' | 'agency';
  province: string;
  city: string;
  grade: string | null;
  /** Only the application's classes (the database refuses others: customers_distance_class_check). */
  distanceClass: DistanceClass;
  beds: number | null;
  /** Share of the requests (Zipf: a few big customers). */
  weight: number;
  goLive: number;
};

export function generateCustomers(random: Random, count: number, from: number, until: number): CustomerGen[] {
  const names = new Set<string>();
  const out: CustomerGen[] = [];
  const places = V.PROVINCES.flatMap(([province, cities]) => cities.map((city) => ({ province, city })));
  while (out.length < count) {
    const place = random.pick(places);
    const isAgency = random.chance(0.08);
    const suffix = isAgency ? random.pick(V.AGENCY_SUFFIXES) : random.pick(V.HOSPITAL_SUFFIXES);
    let name = `${place.city}${suffix}`;
    for (let n = 2; names.has(name); n++) name = `${place.city}${suffix}（${n}号院区）`;
    names.add(name);
    out.push({
      id: uuidFrom(random),
      name,
      kind: isAgency ? 'agency' : 'hospital',
      province: place.province,
      city: place.city,
      grade: isAgency ? null : random.pick(V.GRADES),
      distanceClass: random.weighted([
        ['same_city', 1],
        ['same_province', 3],
        ['elsewhere', 6],
      ] as const satisfies readonly (readonly [DistanceClass, number])[]),
      beds: isAgency ? null : random.int(50, 3000),
      weight: 0,
      // Some went live before the archive starts; the others within it (bursts of requests follow).
      goLive: from + (random.next() * 1.2 - 0.2) * (until - from),
    });
  }
  // Zipf over a random order: the biggest customer raises ~12% of the requests, the smallest very few.
  random.shuffle(out.map((_, i) => i)).forEach((rank, i) => {
    out[i].weight = 1 / (rank + 1);
  });
  return out;
}

export type ContactGen = {
  id: string;
  customerIndex: number;
  name: string;
  role: string;
  title: string;
  phone: string;
  isPrimary: boolean;
};

export function personName(random: Random): string {
  return random.pick(V.SURNAMES) + random.pick(V.GIVEN) + (random.chance(0.6) ? random.pick(V.GIVEN) : '');
}

export function generateContacts(random: Random, customers: CustomerGen[], count: number): ContactGen[] {
  const total = customers.reduce((s, c) => s + c.weight, 0);
  const out: ContactGen[] = [];
  // Everyone gets at least 5; the rest in proportion to size (big hospitals have more contacts).
  const base = Math.min(5, Math.floor(count / customers.length));
  const extra = count - base * customers.length;
  customers.forEach((c, i) => {
    const n = base + Math.round((extra * c.weight) / total);
    for (let k = 0; k < n && out.length < count; k++) {
      out.push({
        id: uuidFrom(random),
        customerIndex: i,
        name: personName(random),
        role: random.pick(['leadership', 'it_director', 'sysadmin', 'department_user', 'other']),
        title: random.pick(V.CONTACT_TITLES),
        phone: `1${random.int(30, 89)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        isPrimary: k === 0,
      });
    }
  });
  while (out.length < count) {
    const i = random.int(0, customers.length - 1);
    out.push({ id: uuidFrom(random), customerIndex: i, name: personName(random), role: 'other', title: '', phone: '', isPrimary: false });
  }
  return out;
}

/** Cumulative weights for O(log n) weighted picks over thousands of customers. */
export function cumulative(weights: number[]): (r: number) => number {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    cum[i] = sum;
  });
  return (r: number) => {
    const x = r * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Holidays after which requests pile up (the first working days after 春节 and 国庆). */
function holidayEnds(from: number, until: number): number[] {
  const out: number[] = [];
  const springFestival: Record<number, string> = {
    2020: '2020-02-03',
    2021: '2021-02-18',
    2022: '2022-02-07',
    2023: '2023-01-28',
    2024: '2024-02-18',
    2025: '2025-02-05',
    2026: '2026-02-24',
    2027: '2027-02-14',
  };
  for (let y = new Date(from).getUTCFullYear(); y <= new Date(until).getUTCFullYear(); y++) {
    for (const iso of [springFestival[y], `${y}-10-08`]) {
      const t = iso ? Date.parse(`${iso}T00:30:00Z`) : Number.NaN;
      if (t >= from && t <= until) out.push(t);
    }
  }
  return out;
}

/** Creation instants for every request (sorted), and which customer raised each. */
export function generateArrivals(random: Random, customers: CustomerGen[], count: number, from: number, until: number) {
  const pick = cumulative(customers.map((c) => c.weight));
  const holidays = holidayEnds(from, until);
  const rows: { at: number; customer: number }[] = new Array(count);
  const span = until - from;
  for (let i = 0; i < count; i++) {
    const customer = pick(random.next());
    const c = customers[customer];
    let at: number;
    const roll = random.next();
    if (roll < 0.12 && c.goLive > from && c.goLive < until) {
      at = c.goLive + -Math.log(1 - random.next()) * 15 * DAY; // go-live burst, mean 15 days
    } else if (roll < 0.18 && holidays.length > 0) {
      at = random.pick(holidays) + random.next() * 4 * DAY;
    } else {
      // Growth: the service centre serves more hospitals each year (density rises linearly).
      at = from + Math.sqrt(random.next()) * span;
      // Fewer on weekends; most in working hours (Beijing time = UTC+8).
      const day = new Date(at + 8 * 3_600_000).getUTCDay();
      if ((day === 0 || day === 6) && random.chance(0.6)) at -= 2 * DAY;
    }
    const dayStart = Math.floor((at + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
    const hour = random.weighted([
      [8, 3],
      [9, 4],
      [10, 4],
      [11, 3],
      [13, 2],
      [14, 4],
      [15, 4],
      [16, 3],
      [17, 1],
      [20, 1],
      [2, 0.3],
    ] as const);
    at = Math.min(until - MINUTE, Math.max(from, dayStart + hour * 3_600_000 + random.next() * 3_600_000));
    rows[i] = { at: Math.floor(at), customer };
  }
  rows.sort((a, b) => a.at - b.at);
  return rows;
}

const fill = (template: string, s: string, d: string, e: string) => template.replace('{s}', s).replace('{d}', d).replace('{e}', e);

export type RequestText = {
  title: string;
  description: string;
  module: string;
  resolution: string;
  replies: string[];
  note: string | null;
};

export function requestText(random: Random): RequestText {
  const [system, module] = random.pick(V.SYSTEMS);
  const d = random.pick(V.DEPARTMENTS);
  const e = random.pick(V.DEVICES);
  if (random.chance(0.1)) {
    return {
      title: random.pick(V.ENGLISH_TITLES),
      description: `${random.pick(V.ENGLISH_DETAILS)} ${random.pick(V.ENGLISH_DETAILS)} Module: ${module}, ${d}.`,
      module,
      resolution: 'Restarted the service and applied the latest patch; the customer confirmed it works.',
      replies: ['Received, an engineer is checking remotely.', random.pick(V.REPLIES)],
      note: null,
    };
  }
  const t = `${String(random.int(7, 10)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
  const title = fill(random.pick(V.SYMPTOMS), system, d, e);
  const description =
    random.pick(V.OPENINGS).replace('{t}', t) +
    fill(random.pick(V.DETAILS), system, d, e) +
    fill(random.pick(V.DETAILS), system, d, e) +
    (random.chance(0.3) ? `联系人电话：1${random.int(30, 89)}${String(random.int(0, 99_999_999)).padStart(8, '0')}。` : '');
  const replies = [fill(random.pick(V.REPLIES), system, d, e)];
  if (random.chance(0.2)) replies.push(fill(random.pick(V.REPLIES), system, d, e));
  return {
    title,
    description,
    module,
    resolution: fill(random.pick(V.RESOLUTIONS), system, d, e),
    replies,
    note: random.chance(0.25) ? random.pick(V.NOTES) : null,
  };
}
