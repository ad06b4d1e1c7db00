import { PhoneOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Input, Select, Space, Tabs } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { can, isStaff } from '../../../domain/policy.ts';
import {
  CAUSE_CATEGORIES,
  type CauseCategory,
  CONTENT_CATEGORIES,
  type ContentCategory,
  OPEN_STATUSES,
  SEVERITIES,
  type Severity,
  STATUSES,
  type Status,
  TEAMS,
  type Team,
} from '../../../domain/vocabulary.ts';
import { queryClient } from '../../api/query-client.ts';
import type { TicketCounts, TicketFilters } from '../../api/types.ts';
import { KnownCount } from '../../components/list-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { UserPicker } from '../../components/pickers.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { meQuery } from '../auth/api.ts';
import { calendarsQuery } from '../calendars/api.ts';
import { staffUsersQuery } from '../users/api.ts';
import { ticketCountsQuery, ticketKeys, ticketListQuery, useTicketCounts } from './api.ts';
import { TicketTable } from './ticket-table.tsx';

const VIEWS = ['mine', 'unassignedCritical', 'waiting', 'open', 'all'] as const;
type View = (typeof VIEWS)[number];

/** The saved views: a base filter each, and the count from /tickets/counts that goes with it. */
const VIEW_FILTERS: Record<View, TicketFilters> = {
  mine: { assigneeId: 'me', status: [...OPEN_STATUSES] },
  unassignedCritical: { assigneeId: 'none', severity: ['critical'], status: [...OPEN_STATUSES] },
  waiting: { status: ['waiting_on_customer'] },
  open: { status: [...OPEN_STATUSES] },
  all: {},
};

function viewCount(view: View, counts: TicketCounts | undefined): number | undefined {
  if (!counts) return undefined;
  switch (view) {
    case 'mine':
      return counts.myOpen;
    case 'unassignedCritical':
      return counts.unassignedCritical;
    case 'waiting':
      return counts.waitingOnCustomer;
    case 'open':
      return counts.open;
    case 'all':
      return Object.values(counts.byStatus).reduce((sum, n) => sum + n, 0);
  }
}

/** `priority` (the default): most severe first, Diamond's open major issues first within a severity, newest first. */
const SORTS = ['priority', 'created_desc', 'created_asc', 'updated_desc', 'severity'] as const;
type Sort = (typeof SORTS)[number];

function pick<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function pickMany<T extends string>(values: readonly T[], raw: string | null): T[] | undefined {
  if (!raw) return undefined;
  const picked = raw.split(',').filter((v): v is T => (values as readonly string[]).includes(v));
  return picked.length > 0 ? picked : undefined;
}

const QUEUE_SEARCH_KEY = 'aftersales.queue.search';

function rememberQueueSearch(search: string): void {
  try {
    sessionStorage.setItem(QUEUE_SEARCH_KEY, search);
  } catch {
    // Storage unavailable: the back link goes to the default view.
  }
}

/** The queue as the user last left it, for back links. */
export function lastQueueHref(): string {
  try {
    const search = sessionStorage.getItem(QUEUE_SEARCH_KEY);
    return search ? `/queue?${search}` : '/queue';
  } catch {
    return '/queue';
  }
}

/** The view, sort and filters the queue's address names. */
function readQueueParams(params: URLSearchParams) {
  return {
    view: pick(VIEWS, params.get('view')) ?? 'open',
    status: pickMany(STATUSES, params.get('status')),
    severity: pickMany(SEVERITIES, params.get('severity')),
    assigneeId: params.get('assignee') ?? undefined,
    team: pick(TEAMS, params.get('team')),
    contentCategory: pick(CONTENT_CATEGORIES, params.get('content')),
    causeCategory: pick(CAUSE_CATEGORIES, params.get('cause')),
    text: params.get('text') ?? undefined,
    sort: pick(SORTS, params.get('sort')) ?? 'priority',
  };
}

/** The list request for the queue's address: its view's base filter with the chosen filters over it. */
export function queueFilters(params: URLSearchParams): TicketFilters {
  const { view, status, severity, assigneeId, team, contentCategory, causeCategory, text, sort } = readQueueParams(params);
  const merged: TicketFilters = { ...VIEW_FILTERS[view], sort };
  if (status) merged.status = status;
  if (severity) merged.severity = severity;
  if (assigneeId) merged.assigneeId = assigneeId;
  if (team) merged.team = team;
  if (contentCategory) merged.contentCategory = contentCategory;
  if (causeCategory) merged.causeCategory = causeCategory;
  if (text) merged.text = text;
  return merged;
}

/**
 * The queue's requests (its rows, the view counts, the staff for the assignee filter, the calendars the SLA
 * countdowns run on), once the session is known; settles when all are in. Signed out or a hospital user: nothing
 * is asked (the guard redirects). Used by the route loader below and by the server's first-screen render.
 */
export async function prefetchQueue(
  client: QueryClient,
  params: URLSearchParams,
  { withPickerOptions = true }: { withPickerOptions?: boolean } = {},
): Promise<void> {
  const me = await client.ensureQueryData(meQuery);
  if (!me || !isStaff(me.user)) return;
  await Promise.all([
    client.prefetchInfiniteQuery(ticketListQuery(queueFilters(params))),
    client.prefetchQuery(ticketCountsQuery),
    withPickerOptions ? client.prefetchQuery(staffUsersQuery) : undefined,
    can(me.user, 'sla.read') ? client.prefetchQuery(calendarsQuery) : undefined,
  ]);
}

/**
 * Route loader: starts the queue's requests as soon as the address is known, while the page's scripts are still
 * being evaluated, instead of after the shell and the page have rendered (issue 9: first load). The page reads
 * the same queries from the cache.
 */
export function loadQueue({ request }: { request: Request }): null {
  prefetchQueue(queryClient, new URL(request.url).searchParams).catch(() => {
    // The session check failed (offline, server down): the guard shows it and offers a retry.
  });
  return null;
}

export function QueuePage() {
  const { t } = useTranslation();
  const { options } = useVocab();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const counts = useTicketCounts();

  const { view, status, severity, assigneeId, team, contentCategory, causeCategory, text, sort } = useMemo(
    () => readQueueParams(params),
    [params],
  );
  const filters = useMemo(() => queueFilters(params), [params]);

  const update = (changes: Record<string, string | string[] | undefined | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          const text = Array.isArray(value) ? value.join(',') : value;
          if (text) next.set(key, text);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };

  // The tracking card's back link returns to this exact view and filters.
  const search = params.toString();
  useEffect(() => rememberQueueSearch(search), [search]);

  const hasFilters = Boolean(status || severity || assigneeId || team || contentCategory || causeCategory || text);

  return (
    <div className="page">
      <PageHeader
        title={t('queue.title')}
        subtitle={t('queue.subtitle')}
        extra={
          <Space>
            <Button
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => void queryClient.invalidateQueries({ queryKey: ticketKeys.all })}
              aria-label={t('common.refresh')}
            />
            <Link to="/intake">
              <Button type="primary" icon={<PhoneOutlined aria-hidden />} data-testid="queue-new-intake">
                {t('queue.newIntake')}
              </Button>
            </Link>
          </Space>
        }
      />
      <Card className="queue-card" styles={{ body: { padding: 0 } }}>
        <Tabs
          className="queue-tabs"
          activeKey={view}
          onChange={(key) => update({ view: key === 'open' ? undefined : key })}
          items={VIEWS.map((key) => ({
            key,
            label: (
              <span data-testid={`view-${key}`}>
                {t(`queue.views.${key}`)}
                <KnownCount value={viewCount(key, counts.data)}>
                  {(count) => (
                    <Badge
                      count={count}
                      showZero
                      overflowCount={9999}
                      className={`view-count ${key === 'unassignedCritical' && count > 0 ? 'view-count-alert' : ''}`}
                    />
                  )}
                </KnownCount>
              </span>
            ),
          }))}
        />
        <div className="filter-bar">
          <Input.Search
            allowClear
            enterButton={<Button aria-label={t('common.search')} icon={<SearchOutlined aria-hidden />} />}
            placeholder={t('queue.filters.text')}
            aria-label={t('queue.filters.text')}
            defaultValue={text}
            onSearch={(value) => update({ text: value.trim() || undefined })}
            className="filter-text"
            data-testid="filter-text"
          />
          <Select<Status[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('queue.filters.status')}
            aria-label={t('queue.filters.status')}
            value={status ?? []}
            options={options('status', STATUSES)}
            onChange={(value) => update({ status: value })}
            className="filter-select filter-wide"
            data-testid="filter-status"
          />
          <Select<Severity[]>
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={t('queue.filters.severity')}
            aria-label={t('queue.filters.severity')}
            value={severity ?? []}
            options={options('severity', SEVERITIES)}
            onChange={(value) => update({ severity: value })}
            className="filter-select"
            data-testid="filter-severity"
          />
          <UserPicker
            allowClear
            placeholder={t('queue.filters.assignee')}
            aria-label={t('queue.filters.assignee')}
            value={assigneeId}
            extraOptions={[
              { value: 'me', label: t('common.me') },
              { value: 'none', label: t('queue.filters.unassigned') },
            ]}
            onChange={(value) => update({ assignee: value ?? undefined })}
            className="filter-select"
            data-testid="filter-assignee"
          />
          <Select<Team>
            allowClear
            placeholder={t('queue.filters.team')}
            aria-label={t('queue.filters.team')}
            value={team}
            options={options('team', TEAMS)}
            onChange={(value) => update({ team: value })}
            className="filter-select"
            data-testid="filter-team"
          />
          <Select<ContentCategory>
            allowClear
            placeholder={t('queue.filters.contentCategory')}
            aria-label={t('queue.filters.contentCategory')}
            value={contentCategory}
            options={options('contentCategory', CONTENT_CATEGORIES)}
            onChange={(value) => update({ content: value })}
            className="filter-select filter-wide"
            popupMatchSelectWidth={false}
          />
          <Select<CauseCategory>
            allowClear
            placeholder={t('queue.filters.causeCategory')}
            aria-label={t('queue.filters.causeCategory')}
            value={causeCategory}
            options={options('causeCategory', CAUSE_CATEGORIES)}
            onChange={(value) => update({ cause: value })}
            className="filter-select filter-wide"
            popupMatchSelectWidth={false}
          />
          <Select<Sort>
            value={sort}
            options={SORTS.map((value) => ({ value, label: t(`queue.sort.${value}`) }))}
            onChange={(value) => update({ sort: value === 'priority' ? undefined : value })}
            className="filter-select filter-sort"
            popupMatchSelectWidth={false}
            aria-label={t('queue.filters.sort')}
          />
          {hasFilters && (
            <Button
              type="link"
              onClick={() =>
                update({
                  status: undefined,
                  severity: undefined,
                  assignee: undefined,
                  team: undefined,
                  content: undefined,
                  cause: undefined,
                  text: undefined,
                })
              }
            >
              {t('queue.filters.clear')}
            </Button>
          )}
        </div>
        <TicketTable filters={filters} hrefFor={(ticket) => `/tickets/${ticket.id}`} testId="queue-table" />
      </Card>
    </div>
  );
}
