import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DateTime } from '../../components/date-time.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SeverityTag, StatusTag } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type SearchHit, useSearch } from './api.ts';
import { Highlighted } from './highlighted.tsx';
import { resultsHref, SEARCH_PATHS, type SearchAudience } from './paths.ts';
import { resultCountText } from './result-count.ts';
import './search.css';

function ResultItem({ hit, audience }: { hit: SearchHit; audience: SearchAudience }) {
  const { t } = useTranslation();
  const { highlights } = hit;
  return (
    <li className={`search-result severity-edge-${hit.severity}`} data-testid={`search-result-${hit.number}`}>
      <div className="search-result-head">
        <Link to={SEARCH_PATHS[audience].request(hit.id)} className="search-result-number ticket-number" data-testid="search-result-link">
          {hit.number}
        </Link>
        <SeverityTag severity={hit.severity} />
        <StatusTag status={hit.status} />
        <span className="search-result-updated">
          {t('search.updated')} <DateTime value={hit.updatedAt} relative />
        </span>
      </div>
      <Link to={SEARCH_PATHS[audience].request(hit.id)} className="search-result-title" data-testid="search-result-title">
        <Highlighted segments={highlights.title} />
      </Link>
      {audience === 'staff' && (
        <div className="search-result-meta" data-testid="search-result-customer">
          <span className="search-result-label">{t('ticket.customer')}</span>
          <Highlighted segments={highlights.customerName} />
        </div>
      )}
      {highlights.snippet && highlights.snippetSource && (
        <div className="search-result-snippet" data-testid="search-result-snippet">
          <span className="search-result-label">{t(`search.source.${highlights.snippetSource}`)}</span>
          <Highlighted segments={highlights.snippet} className="search-result-snippet-text" />
        </div>
      )}
    </li>
  );
}

function ResultsSkeleton() {
  return (
    <ul className="search-results" data-testid="search-loading" aria-busy="true">
      {[0, 1, 2, 3].map((key) => (
        <li key={key} className="search-result">
          <Skeleton active title={{ width: '40%' }} paragraph={{ rows: 2, width: ['70%', '90%'] }} />
        </li>
      ))}
    </ul>
  );
}

/** Asks for words when there are none (also where "/search" without a query lands). */
function StartSearch({ audience }: { audience: SearchAudience }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="search-start" data-testid="search-empty">
      <Empty
        image={<SearchOutlined aria-hidden className="search-start-icon" />}
        description={
          <div className="search-start-text">
            <Typography.Text strong>{t('search.emptyTitle')}</Typography.Text>
            <Typography.Text type="secondary">{t('search.emptyBody')}</Typography.Text>
          </div>
        }
      >
        <Input.Search
          className="search-start-input"
          placeholder={t('search.placeholder')}
          enterButton={t('common.search')}
          size="large"
          maxLength={200}
          autoFocus
          onSearch={(value) => {
            const q = value.trim();
            if (q) navigate(resultsHref(audience, q));
          }}
          data-testid="search-start-input"
        />
      </Empty>
    </div>
  );
}

/** Ranked search results for staff (/search) and hospital users (/portal/search: their organisation only, by the server). */
export function SearchResultsPage({ audience }: { audience: SearchAudience }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const search = useSearch(q);
  const data = search.data;
  const items = data?.items ?? [];

  let body: ReactNode;
  if (!q) {
    body = <StartSearch audience={audience} />;
  } else if (search.isPending) {
    body = <ResultsSkeleton />;
  } else if (search.isError) {
    body = (
      <Empty className="search-state" description={errorMessage(search.error, t)} data-testid="search-error">
        <Button onClick={() => void search.refetch()}>{t('common.refresh')}</Button>
      </Empty>
    );
  } else if (items.length === 0) {
    body = (
      <Empty
        className="search-state"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        data-testid="search-no-results"
        description={
          <div className="search-start-text">
            <Typography.Text strong>{t('search.noResults', { q })}</Typography.Text>
            <Typography.Text type="secondary">{t('search.noResultsHint')}</Typography.Text>
          </div>
        }
      />
    );
  } else {
    body = (
      <ul className={`search-results ${search.isPlaceholderData ? 'search-results-stale' : ''}`} data-testid="search-results">
        {items.map((hit) => (
          <ResultItem key={hit.id} hit={hit} audience={audience} />
        ))}
      </ul>
    );
  }

  const ranked = data?.ranked ?? 0;
  const count = resultCountText(t, { ranked, shown: items.length, isCapped: data?.isCapped ?? false });
  const showSummary = q && !search.isPending && !search.isError && items.length > 0;

  return (
    <div className="page page-narrow search-page" data-testid="search-page">
      <PageHeader
        title={t('search.title')}
        subtitle={q ? t('search.subtitle', { q }) : t('search.subtitleEmpty')}
        testId="search-title"
        extra={
          audience === 'staff' && q ? (
            <Link to={`/queue?${new URLSearchParams({ view: 'all', text: q }).toString()}`} data-testid="search-open-in-queue">
              <Button>{t('search.openInQueue')}</Button>
            </Link>
          ) : undefined
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {showSummary && (
          <div className="search-summary">
            <Typography.Text type="secondary" data-testid="search-count">
              {count}
            </Typography.Text>
            <Typography.Text type="secondary" className="small-text">
              {t('search.order')}
            </Typography.Text>
          </div>
        )}
        {showSummary && data?.isCapped && <Alert type="info" showIcon banner title={t('search.capped')} data-testid="search-capped" />}
        {body}
      </Card>
    </div>
  );
}
