// Plans the demo data set without touching the database: which organisations and people exist,
// and for every request what happens when (in minutes after it was opened). Pure and seeded, so the
// same seed and "now" give the same plan; load.ts then plays the plan through the services.
import { FIRST_RESPONSE_MINUTES } from '../../src/domain/severity.ts';
import {
  CHANNELS,
  type Channel,
  type ContactRole,
  OPEN_STATUSES,
  type Severity,
  STATUSES,
  type Status,
  type Team,
} from '../../src/domain/vocabulary.ts';
import type { ContactInput } from '../../src/server/features/customers/customers.schema.ts';
import {
  CONTACT_TITLES,
  ENGLISH_CONTACTS,
  EXTRA_ENGLISH_CONTACT,
  type FixedContact,
  GIVEN_NAMES,
  HOSPITALS,
  type HospitalSeed,
  type Lang,
  MOBILE_PREFIXES,
  PHRASES,
  type PhraseBook,
  PROBLEMS,
  type ProblemTemplate,
  STAFF,
  type StaffKey,
  SURNAMES,
} from './demo-data.ts';
import type { Random } from './random.ts';

const MINUTE_MS = 60_000;
const HOUR = 60;
const DAY = 24 * HOUR;

// ── Organisations and people ─────────────────────────────────────────────────────────────────

export type ContactPlan = ContactInput & { lang: Lang };
export type PortalUserPlan = { email: string; name: string; contactIndex: number };
export type CustomerPlan = { seed: HospitalSeed; contacts: ContactPlan[]; portalUser: PortalUserPlan | null };

/** A portal (customer) user is referred to by its organisation's key. */
export type PortalKey = `portal:${string}`;
export type ActorKey = StaffKey | PortalKey;

export const portalKeyOf = (hospitalKey: string): PortalKey => `portal:${hospitalKey}`;
export const isPortalKey = (key: ActorKey): key is PortalKey => key.startsWith('portal:');

const digits = (random: Random, count: number) => Array.from({ length: count }, () => random.int(0, 9)).join('');
const landline = (random: Random, areaCode: string) => `${areaCode}-8${digits(random, 7)}`;
const mobile = (random: Random) => `${random.pick(MOBILE_PREFIXES)}${digits(random, 8)}`;
const emailDomain = (seed: HospitalSeed) => `${seed.key}.example.com`;

const CONTACT_ROLE_ORDER: readonly Exclude<ContactRole, 'other'>[] = ['it_director', 'leadership', 'sysadmin', 'department_user'];

function chineseContact(random: Random, seed: HospitalSeed, role: Exclude<ContactRole, 'other'>, usedNames: Set<string>): ContactPlan {
  let surname = random.pick(SURNAMES);
  let given = random.pick(GIVEN_NAMES);
  while (usedNames.has(surname[0] + given[0])) {
    surname = random.pick(SURNAMES);
    given = random.pick(GIVEN_NAMES);
  }
  usedNames.add(surname[0] + given[0]);
  const isPortalOwner = role === 'it_director' && seed.hasPortalUser === true;
  return {
    name: surname[0] + given[0],
    role,
    title: random.pick(CONTACT_TITLES[seed.kind][role]),
    phone: role === 'it_director' || role === 'leadership' ? mobile(random) : landline(random, seed.areaCode),
    email: isPortalOwner ? `it@${emailDomain(seed)}` : `${given[1]}.${surname[1]}@${emailDomain(seed)}`,
    isPrimary: role === 'it_director',
    lang: 'zh',
  };
}

function englishContact(random: Random, seed: HospitalSeed, fixed: FixedContact): ContactPlan {
  return {
    name: fixed.name,
    role: fixed.role,
    title: fixed.title,
    phone: fixed.role === 'it_director' ? `+86 ${mobile(random)}` : landline(random, seed.areaCode),
    email: `${fixed.emailLocal}@${emailDomain(seed)}`,
    isPrimary: fixed.role === 'it_director',
    lang: 'en',
  };
}

function planContacts(random: Random, seed: HospitalSeed): ContactPlan[] {
  if (seed.isEnglish) return ENGLISH_CONTACTS.map((c) => englishContact(random, seed, c));
  const usedNames = new Set<string>();
  const contacts = CONTACT_ROLE_ORDER.map((role) => chineseContact(random, seed, role, usedNames));
  if (EXTRA_ENGLISH_CONTACT.hospitalKey === seed.key) {
    contacts.push(englishContact(random, seed, EXTRA_ENGLISH_CONTACT.contact));
  } else if (random.chance(0.6)) {
    contacts.push(chineseContact(random, seed, random.pick(['sysadmin', 'department_user'] as const), usedNames));
  }
  return contacts;
}

export function planCustomers(random: Random): CustomerPlan[] {
  return HOSPITALS.map((seed) => {
    const contacts = planContacts(random, seed);
    const ownerIndex = contacts.findIndex((c) => c.role === 'it_director');
    const owner = contacts[ownerIndex];
    const portalUser = seed.hasPortalUser && owner?.email ? { email: owner.email, name: owner.name, contactIndex: ownerIndex } : null;
    return { seed, contacts, portalUser };
  });
}

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

type StepBase = { offset: number; by: ActorKey };
type Unplaced<T> = T extends unknown ? Omit<T, 'offset'> : never;
export type PlannedStep =
  | (StepBase & { kind: 'assign'; assignee: StaffKey; team: Team })
  | (StepBase & { kind: 'comment'; body: string; internal: boolean; isPhoneCall: boolean })
  | (StepBase & { kind: 'transition'; to: Status; comment?: string; resolution?: string; confirmedByName?: string });

export type TicketPlan = {
  createdAt: Date;
  hospitalKey: string;
  contactIndex: number;
  by: ActorKey;
  /** Requests from the monitoring integration arrive with an API token. */
  via: 'session' | 'token';
  title: string;
  description: string;
  severity: Severity;
  channel: Channel;
  kind: ProblemTemplate['kind'];
  stage: ProblemTemplate['stage'];
  contentCategory: ProblemTemplate['content'];
  causeCategory?: ProblemTemplate['cause'];
  module?: string;
  assignee?: StaffKey;
  team?: Team;
  /** Where the plan leaves the request. */
  finalStatus: Status;
  /** Minutes after `createdAt`, in order. */
  steps: PlannedStep[];
};

/** Shares of the final statuses; `closed` takes the rest (about 60%). */
const STATUS_SHARE: Record<Exclude<Status, 'closed'>, number> = {
  new: 0.04,
  acknowledged: 0.04,
  in_progress: 0.08,
  waiting_on_customer: 0.05,
  resolved: 0.07,
  confirmed: 0.05,
  cancelled: 0.05,
};

/** The fewest requests that still show every status. */
export const MIN_REQUESTS = STATUSES.length;

export function allocateStatuses(random: Random, requests: number): Status[] {
  if (requests < MIN_REQUESTS) throw new Error(`at least ${MIN_REQUESTS} requests are needed to show every status`);
  // The other shares add up to well under half, so at least one request is always closed.
  const statuses: Status[] = [];
  for (const status of STATUSES) {
    if (status === 'closed') continue;
    const count = Math.max(1, Math.round(STATUS_SHARE[status] * requests));
    for (let i = 0; i < count; i++) statuses.push(status);
  }
  while (statuses.length < requests) statuses.push('closed');
  return random.shuffle(statuses);
}

/** How long, at most, a request with this final status has been around. */
const MAX_AGE_MINUTES: Record<Status, number> = {
  new: 3 * HOUR,
  acknowledged: 10 * HOUR,
  in_progress: 4 * DAY,
  waiting_on_customer: 6 * DAY,
  resolved: 10 * DAY,
  confirmed: 14 * DAY,
  closed: 90 * DAY,
  cancelled: 90 * DAY,
};

const OPEN_FOR_CRITICAL: readonly Status[] = ['new', 'acknowledged', 'in_progress'];
const OPEN: readonly Status[] = OPEN_STATUSES;

const SEVERITY_MIX: readonly (readonly [Severity, number])[] = [
  ['critical', 0.08],
  ['urgent', 0.3],
  ['normal', 0.62],
];
/** Critical faults are fixed within hours: apart from the few recent ones, open requests are not critical. */
const OPEN_SEVERITY_MIX: readonly (readonly [Severity, number])[] = [
  ['urgent', 0.35],
  ['normal', 0.65],
];

/** A critical request still open has only just come in. */
const CRITICAL_MAX_AGE_MINUTES: Partial<Record<Status, number>> = { new: 25, acknowledged: HOUR, in_progress: 8 * HOUR };

type Picked = {
  customer: CustomerPlan;
  contactIndex: number;
  contact: ContactPlan;
  template: ProblemTemplate;
  channel: Channel;
  creator: ActorKey;
  via: 'session' | 'token';
};

function pickContactIndex(random: Random, customer: CustomerPlan, template: ProblemTemplate): number {
  const roleWeight = (role: ContactRole): number => {
    if (template.kind === 'complaint') return role === 'leadership' || role === 'it_director' ? 3 : 0.5;
    if (role === 'leadership') return 0.2;
    return role === 'department_user' ? 1.5 : 2;
  };
  return random.weighted(customer.contacts.map((c, i) => [i, roleWeight(c.role)] as const));
}

function pickTemplate(random: Random, lang: Lang, customer: CustomerPlan, severity: Severity): ProblemTemplate {
  const fits = (t: ProblemTemplate) => t.lang === lang && (t.audience === 'any' || t.audience === customer.seed.kind);
  const candidates = PROBLEMS.filter((t) => fits(t) && t.severity === severity);
  return random.pick(candidates.length > 0 ? candidates : PROBLEMS.filter(fits));
}

function pickChannel(random: Random, customer: CustomerPlan, template: ProblemTemplate): Channel {
  const weights: Record<Channel, number> = {
    phone: template.severity === 'critical' ? 0.7 : 0.4,
    web: customer.portalUser ? 0.4 : 0,
    email: 0.14,
    fax: 0.05,
    remote: 0.08,
    api: template.isAlert ? 0.3 : 0,
  };
  return random.weighted(CHANNELS.map((c) => [c, weights[c]] as const));
}

const AGENTS: readonly StaffKey[] = STAFF.filter((s) => s.role === 'agent').map((s) => s.key);
const engineersOf = (team: Team): StaffKey[] => STAFF.filter((s) => s.role === 'engineer' && s.team === team).map((s) => s.key);
const staffName = (key: StaffKey): string => STAFF.find((s) => s.key === key)?.name ?? key;

function pickParties(random: Random, customers: CustomerPlan[], severity: Severity): Picked {
  const customer = random.weighted(customers.map((c) => [c, c.seed.weight] as const));
  // The language follows a person at the organisation: English-speaking contacts report in English.
  const template = pickTemplate(random, random.pick(customer.contacts).lang, customer, severity);
  const channel = pickChannel(random, customer, template);
  if (channel === 'web' && customer.portalUser) {
    const contactIndex = customer.portalUser.contactIndex;
    return {
      customer,
      contactIndex,
      contact: customer.contacts[contactIndex],
      template,
      channel,
      creator: portalKeyOf(customer.seed.key),
      via: 'session',
    };
  }
  // Keep the reporter's language consistent with the problem's.
  const sameLanguage = customer.contacts.map((c, i) => [c, i] as const).filter(([c]) => c.lang === template.lang);
  const pool = sameLanguage.length > 0 ? sameLanguage : customer.contacts.map((c, i) => [c, i] as const);
  const preferred = pickContactIndex(random, customer, template);
  const contactIndex = pool.some(([, i]) => i === preferred) ? preferred : random.pick(pool)[1];
  return {
    customer,
    contactIndex,
    contact: customer.contacts[contactIndex],
    template,
    channel,
    creator: random.pick(AGENTS),
    via: channel === 'api' ? 'token' : 'session',
  };
}

function fill(text: string, vars: { contact?: string; engineer?: string; title?: string }): string {
  return text
    .replaceAll('{contact}', vars.contact ?? '')
    .replaceAll('{engineer}', vars.engineer ?? '')
    .replaceAll('{title}', vars.title ?? '');
}

/** Minutes from intake to the first response: within the severity's promise most of the time. */
function firstResponseMinutes(random: Random, severity: Severity): number {
  const target = FIRST_RESPONSE_MINUTES[severity];
  if (random.chance(0.88)) return random.int(Math.max(2, Math.round(target * 0.2)), target - 1);
  return random.int(target + 1, target * 3);
}

const RESOLVE_MINUTES: Record<Severity, readonly [number, number]> = {
  critical: [30, 4 * HOUR],
  urgent: [2 * HOUR, 2 * DAY],
  normal: [4 * HOUR, 5 * DAY],
};

/** Collects steps with growing offsets; every helper takes the gap since the previous step. */
class Timeline {
  readonly steps: PlannedStep[] = [];
  private minutes = 0;

  get elapsed(): number {
    return this.minutes;
  }

  private add(gap: number, step: Unplaced<PlannedStep>) {
    this.minutes += Math.max(1, Math.round(gap));
    this.steps.push({ ...step, offset: this.minutes });
  }

  assign(gap: number, by: ActorKey, assignee: StaffKey, team: Team) {
    this.add(gap, { kind: 'assign', by, assignee, team });
  }

  reply(gap: number, by: ActorKey, body: string) {
    this.add(gap, { kind: 'comment', by, body, internal: false, isPhoneCall: false });
  }

  phoneCall(gap: number, by: ActorKey, body: string) {
    this.add(gap, { kind: 'comment', by, body, internal: false, isPhoneCall: true });
  }

  note(gap: number, by: ActorKey, body: string) {
    this.add(gap, { kind: 'comment', by, body, internal: true, isPhoneCall: false });
  }

  move(gap: number, by: ActorKey, to: Status, extra: { comment?: string; resolution?: string; confirmedByName?: string } = {}) {
    this.add(gap, { kind: 'transition', by, to, ...extra });
  }
}

type StoryContext = {
  random: Random;
  picked: Picked;
  severity: Severity;
  finalStatus: Status;
  phrases: PhraseBook;
  agent: StaffKey;
  engineer: StaffKey;
  /** Assigned in the intake form itself rather than a moment later. */
  isAssignedAtIntake: boolean;
};

/** Whether the story goes at least as far as `status` (cancelled stories are told separately). */
const reaches = (ctx: StoryContext, status: Status) => STATUSES.indexOf(ctx.finalStatus) >= STATUSES.indexOf(status);

function tellIntake(t: Timeline, ctx: StoryContext) {
  const { random, picked, phrases } = ctx;
  if (!ctx.isAssignedAtIntake && (ctx.finalStatus !== 'new' || random.chance(0.3))) {
    t.assign(random.int(1, 4), ctx.agent, ctx.engineer, 'technical_center');
  }
  if (ctx.finalStatus === 'new') return;
  const vars = { contact: picked.contact.name, engineer: staffName(ctx.engineer), title: picked.template.title };
  const responseAt = firstResponseMinutes(random, ctx.severity);
  if (picked.channel === 'phone') {
    t.phoneCall(Math.min(random.int(1, 3), responseAt), ctx.agent, fill(random.pick(phrases.intakeCall), vars));
  } else if (random.chance(0.4)) {
    t.phoneCall(responseAt - t.elapsed, ctx.engineer, fill(random.pick(phrases.callback), vars));
  } else {
    t.reply(responseAt - t.elapsed, ctx.engineer, fill(random.pick(phrases.firstReply), vars));
  }
}

function tellTriage(t: Timeline, ctx: StoryContext) {
  const { random, phrases, picked } = ctx;
  if (ctx.finalStatus === 'acknowledged' || random.chance(0.75)) t.move(random.int(0, 3), ctx.engineer, 'acknowledged');
  if (ctx.finalStatus === 'acknowledged') return;
  if (ctx.severity === 'critical') {
    t.note(random.int(1, 4), 'manager', phrases.emergencyNotes[0]);
    t.reply(random.int(1, 3), ctx.engineer, random.pick(phrases.continuityReply));
    if (random.chance(0.6)) t.note(random.int(2, 8), 'manager', phrases.emergencyNotes[1]);
  }
  if (picked.channel === 'phone') {
    const vars = { contact: picked.contact.name, engineer: staffName(ctx.engineer) };
    t.phoneCall(random.int(3, 15), ctx.engineer, fill(random.pick(phrases.callback), vars));
  }
  t.move(ctx.severity === 'critical' ? random.int(1, 5) : random.int(5, 45), ctx.engineer, 'in_progress');
  t.note(random.int(10, 90), ctx.engineer, random.chance(0.8) ? picked.template.note : random.pick(phrases.genericNotes));
}

/** Asks the customer something; returns false when the story ends waiting for the answer. */
function tellWaiting(t: Timeline, ctx: StoryContext): boolean {
  const { random, picked, phrases } = ctx;
  const isWaitingStory = ctx.finalStatus === 'waiting_on_customer';
  if (!isWaitingStory && !random.chance(0.25)) return true;
  t.move(random.int(5, 60), ctx.engineer, 'waiting_on_customer', { comment: picked.template.question });
  if (isWaitingStory) return false;
  const answerGap = ctx.severity === 'critical' ? random.int(5, 20) : random.int(30, DAY);
  if (picked.customer.portalUser && random.chance(0.7)) {
    // The customer's answer puts the request back into work by itself.
    t.reply(answerGap, portalKeyOf(picked.customer.seed.key), random.pick(phrases.customerAnswers));
  } else {
    t.phoneCall(answerGap, ctx.engineer, fill(random.pick(phrases.answerByPhone), { contact: picked.contact.name }));
    t.move(random.int(1, 3), ctx.engineer, 'in_progress');
  }
  return true;
}

/** Remote first; on site or to R&D when remote cannot solve it (DOMAIN.md §4). Returns who now owns it. */
function tellEscalation(t: Timeline, ctx: StoryContext): StaffKey {
  const { random, picked, phrases } = ctx;
  const team = picked.template.team;
  if (team === 'technical_center' || !random.chance(0.8)) return ctx.engineer;
  const target = random.pick(engineersOf(team));
  t.note(random.int(10, 120), ctx.engineer, random.pick(team === 'rnd' ? phrases.escalateRnd : phrases.escalateField));
  t.assign(random.int(2, 10), random.chance(0.5) ? 'manager' : ctx.agent, target, team);
  if (team === 'field') t.reply(random.int(40, 2 * HOUR), target, random.pick(phrases.fieldArrival));
  return target;
}

function tellResolution(t: Timeline, ctx: StoryContext, owner: StaffKey) {
  const { random, picked, phrases } = ctx;
  const [min, max] = RESOLVE_MINUTES[ctx.severity];
  t.move(random.int(min, max), owner, 'resolved', { resolution: picked.template.resolution });
  // Only faults come back; a training or a consultation is not "reopened".
  if (!picked.template.cause || !random.chance(0.12)) return;
  const portal = picked.customer.portalUser ? portalKeyOf(picked.customer.seed.key) : null;
  const reopener = portal && random.chance(0.6) ? portal : ctx.agent;
  t.move(random.int(2 * HOUR, 2 * DAY), reopener, 'in_progress', { comment: random.pick(phrases.reopenReasons) });
  t.move(random.int(HOUR, DAY), owner, 'resolved', { resolution: phrases.reResolvePrefix + picked.template.resolution });
}

function tellConfirmation(t: Timeline, ctx: StoryContext) {
  const { random, picked, phrases } = ctx;
  if (picked.customer.portalUser && random.chance(0.7)) {
    const comment = random.chance(0.5) ? random.pick(phrases.customerConfirmComments) : undefined;
    t.move(random.int(30, 2 * DAY), portalKeyOf(picked.customer.seed.key), 'confirmed', { comment });
    return;
  }
  t.move(random.int(30, 2 * DAY), ctx.agent, 'confirmed', {
    confirmedByName: fill(random.pick(phrases.confirmedByFormats), { contact: picked.contact.name }),
    comment: random.pick(phrases.staffConfirmComments),
  });
}

function tellCancellation(t: Timeline, ctx: StoryContext) {
  const { random, picked, phrases } = ctx;
  if (random.chance(0.6)) {
    const vars = { contact: picked.contact.name, engineer: staffName(ctx.engineer) };
    t.reply(firstResponseMinutes(random, ctx.severity) - t.elapsed, ctx.engineer, fill(random.pick(phrases.firstReply), vars));
    if (random.chance(0.5)) t.move(random.int(0, 3), ctx.engineer, 'acknowledged');
  }
  const portal = picked.customer.portalUser ? portalKeyOf(picked.customer.seed.key) : null;
  if (portal && random.chance(0.6)) {
    t.move(random.int(10, 10 * HOUR), portal, 'cancelled', { comment: random.pick(phrases.customerCancelReasons) });
  } else {
    t.move(random.int(10, 10 * HOUR), ctx.agent, 'cancelled', { comment: random.pick(phrases.staffCancelReasons) });
  }
}

/** The request's whole story up to its final status. */
function tellStory(ctx: StoryContext): PlannedStep[] {
  const t = new Timeline();
  tellIntake(t, ctx);
  if (ctx.finalStatus === 'new') return t.steps;
  if (ctx.finalStatus === 'cancelled') {
    tellCancellation(t, ctx);
    return t.steps;
  }
  tellTriage(t, ctx);
  if (!reaches(ctx, 'in_progress')) return t.steps;
  if (!tellWaiting(t, ctx)) return t.steps;
  const owner = tellEscalation(t, ctx);
  if (ctx.finalStatus === 'in_progress') return t.steps;
  tellResolution(t, ctx, owner);
  if (ctx.finalStatus === 'resolved') return t.steps;
  tellConfirmation(t, ctx);
  if (ctx.finalStatus === 'confirmed') return t.steps;
  const comment = ctx.random.chance(0.7) ? ctx.random.pick(ctx.phrases.closeComments) : undefined;
  t.move(ctx.random.int(30, 2 * DAY), ctx.agent, 'closed', { comment });
  return t.steps;
}

// Demo organisations are all in China: working hours are read at UTC+8 (no daylight saving).
const CHINA_OFFSET_MS = 8 * HOUR * MINUTE_MS;
const DAY_MS = DAY * MINUTE_MS;

/** Moves an instant into office hours on a weekday (same or nearby day), as most requests arrive then. */
function duringOfficeHours(random: Random, at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  let dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const weekday = new Date(dayStart).getUTCDay();
  if (weekday === 6) dayStart -= DAY_MS;
  if (weekday === 0) dayStart -= 2 * DAY_MS;
  const minuteOfDay = random.int(8 * HOUR + 20, 17 * HOUR + 30);
  return new Date(dayStart + minuteOfDay * MINUTE_MS - CHINA_OFFSET_MS);
}

/** When the request was opened: its whole story must fit before `now`, and it must look its age. */
function placeIntake(random: Random, now: Date, spanMinutes: number, finalStatus: Status, severity: Severity): Date {
  const latest = now.getTime() - (spanMinutes + random.int(2, 30)) * MINUTE_MS;
  const maxAge = (severity === 'critical' ? CRITICAL_MAX_AGE_MINUTES[finalStatus] : undefined) ?? MAX_AGE_MINUTES[finalStatus];
  const earliest = now.getTime() - maxAge * MINUTE_MS;
  if (earliest >= latest) return new Date(latest);
  const at = new Date(random.between(earliest, latest));
  if (severity === 'critical' || !random.chance(0.85)) return at;
  const office = duringOfficeHours(random, at);
  return office.getTime() >= earliest && office.getTime() <= latest ? office : at;
}

function openCriticalCount(requests: number): number {
  return Math.min(6, Math.max(1, Math.round(requests / 75)));
}

function planTicket(random: Random, customers: CustomerPlan[], now: Date, finalStatus: Status, severity: Severity): TicketPlan {
  const picked = pickParties(random, customers, severity);
  const template = picked.template;
  const creator = picked.creator;
  const ctx: StoryContext = {
    random,
    picked,
    severity: template.severity,
    finalStatus,
    phrases: PHRASES[template.lang],
    agent: isPortalKey(creator) ? random.pick(AGENTS) : creator,
    engineer: random.pick(engineersOf('technical_center')),
    isAssignedAtIntake: !isPortalKey(creator) && random.chance(0.4),
  };
  const steps = tellStory(ctx);
  const span = steps.at(-1)?.offset ?? 0;
  const note = PHRASES[template.lang].channelNotes[picked.channel] ?? '';
  return {
    createdAt: placeIntake(random, now, span, finalStatus, template.severity),
    hospitalKey: picked.customer.seed.key,
    contactIndex: picked.contactIndex,
    by: picked.creator,
    via: picked.via,
    title: template.title,
    description: template.description + note,
    severity: template.severity,
    channel: picked.channel,
    kind: template.kind,
    stage: template.stage,
    contentCategory: template.content,
    causeCategory: template.cause,
    module: template.module,
    ...(ctx.isAssignedAtIntake ? { assignee: ctx.engineer, team: 'technical_center' as const } : {}),
    finalStatus,
    steps,
  };
}

/** Every request of the data set, oldest first, so request numbers run in the order they were opened. */
export function planTickets({
  random,
  now,
  requests,
  customers,
}: {
  random: Random;
  now: Date;
  requests: number;
  customers: CustomerPlan[];
}): TicketPlan[] {
  const statuses = allocateStatuses(random, requests);
  let criticalLeft = openCriticalCount(requests);
  const plans = statuses.map((status) => {
    const isCritical = criticalLeft > 0 && OPEN_FOR_CRITICAL.includes(status);
    if (isCritical) criticalLeft--;
    const isOpen = OPEN.includes(status);
    const severity = isCritical ? 'critical' : random.weighted(isOpen ? OPEN_SEVERITY_MIX : SEVERITY_MIX);
    return planTicket(random, customers, now, status, severity);
  });
  return plans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
