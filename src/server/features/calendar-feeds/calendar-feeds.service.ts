import { createHash, randomBytes } from 'node:crypto';
import { buildCalendar, type CalendarEvent } from '../../../domain/field/icalendar.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { toLocale, translator } from '../../messages/catalogue.ts';
import { workOrderMessages } from '../../messages/work-orders.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { findFeedOwner, findLiveFeedOfUser, insertFeed, revokeLiveFeed, selectEngineerOrders } from './calendar-feeds.repo.ts';

// An engineer's schedule as an iCalendar feed at a secret URL (/api/v1/calendar-feeds/<token>.ics):
// the token is 32 random bytes shown once; only its SHA-256 is stored, so the database cannot give the
// URL back. Rotating revokes the old URL (404 from then on); revoking leaves none.

const TOKEN = /^([A-Za-z0-9_-]{43})\.ics$/;
const DAY_MS = 86_400_000;
/** A visit with no check-out yet is shown as two hours long. */
const DEFAULT_VISIT_MS = 2 * 3_600_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function feedUrl(deps: Deps, token: string) {
  return `${deps.config.publicUrl}/api/v1/calendar-feeds/${token}.ics`;
}

export async function getMyFeed({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'calendar_feed.manage');
  return { feed: (await findLiveFeedOfUser(deps.db, actor.id)) ?? null };
}

/** Creates the caller's feed, or rotates it: the previous URL stops working in the same transaction. */
export async function createMyFeed({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'calendar_feed.manage');
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const row = await deps.db.transaction(async (tx) => {
    const revokedId = await revokeLiveFeed(tx, actor.id, now);
    if (revokedId)
      await insertAudit(tx, {
        actorId: actor.id,
        action: 'calendar_feed.revoke',
        entityType: 'calendar_feed',
        entityId: revokedId,
        at: now,
      });
    const feed = await insertFeed(tx, { userId: actor.id, tokenHash: hashToken(token), createdAt: now });
    await insertAudit(tx, { actorId: actor.id, action: 'calendar_feed.create', entityType: 'calendar_feed', entityId: feed.id, at: now });
    return feed;
  });
  return { ...row, token, url: feedUrl(deps, token) };
}

export async function revokeMyFeed({ deps, actor }: { deps: Deps; actor: Actor }) {
  authorize(actor, 'calendar_feed.manage');
  const now = deps.clock();
  await deps.db.transaction(async (tx) => {
    const revokedId = await revokeLiveFeed(tx, actor.id, now);
    if (!revokedId) throw notFound('calendar feed');
    await insertAudit(tx, { actorId: actor.id, action: 'calendar_feed.revoke', entityType: 'calendar_feed', entityId: revokedId, at: now });
  });
}

/**
 * The feed itself (public: the token is the credential). An unknown, malformed or revoked token, or a
 * deactivated owner, is 404. Orders planned from 30 days ago on, in the owner's language; times in UTC.
 */
export async function renderFeed({ deps, file }: { deps: Deps; file: string }) {
  const token = TOKEN.exec(file)?.[1];
  if (!token) throw notFound('calendar feed');
  const owner = await findFeedOwner(deps.db, hashToken(token));
  if (!owner) throw notFound('calendar feed');
  const now = deps.clock();
  const orders = await selectEngineerOrders(deps.db, owner.userId, new Date(now.getTime() - 30 * DAY_MS));
  const t = translator(workOrderMessages, toLocale(owner.locale));
  const events: CalendarEvent[] = orders.map((o) => ({
    uid: `${o.id}@aftersales`,
    start: o.plannedAt,
    end: o.checkOutAt && o.checkOutAt > o.plannedAt ? o.checkOutAt : new Date(o.plannedAt.getTime() + DEFAULT_VISIT_MS),
    stamp: o.updatedAt,
    sequence: o.version,
    status: o.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    summary: `${o.number} ${t(`type.${o.type}`)} · ${o.customerName}`,
    location: o.address,
    description: [
      t('calendar.request', { number: o.ticketNumber, title: o.ticketTitle }),
      o.contactName || o.contactPhone ? t('calendar.contact', { name: o.contactName ?? '', phone: o.contactPhone ?? '' }) : null,
      o.engineerNames ? t('calendar.engineers', { names: o.engineerNames }) : null,
    ]
      .filter(Boolean)
      .join('\n'),
  }));
  return buildCalendar({ name: t('calendar.name', { name: owner.name }), productId: '-//Aftersales//Field service//ZH', events });
}
