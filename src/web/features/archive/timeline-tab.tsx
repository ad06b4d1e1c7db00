import { Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DateTime } from '../../components/date-time.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatFen } from '../../lib/money.ts';
import { type TimelineItem, useTimeline } from './api.ts';

const TYPE_COLOR: Record<TimelineItem['type'], string> = {
  request: 'blue',
  visit: 'green',
  service_contract: 'purple',
  system_contract: 'geekblue',
  document: 'gray',
  quote: 'orange',
  override: 'magenta',
  round_skipped: 'default',
};

/** The server's titles are terse and partly Chinese; the details come from `data`, in the user's language. */
function useDescribe() {
  const { t } = useTranslation();
  const isZh = currentLanguage() === 'zh-CN';
  return (item: TimelineItem): string => {
    const d = item.data as Record<string, string | number | boolean | null>;
    switch (item.type) {
      case 'service_contract':
        return t('archive.timeline.serviceContract', {
          tier: String(isZh ? d.tierZh : d.tierEn),
          start: String(d.startDate),
          end: String(d.endDate),
          price: formatFen(Number(d.priceFen)),
        });
      case 'system_contract':
        return `${item.title} · ${formatFen(Number(d.totalPriceFen))}`;
      case 'visit':
        return d.isOverQuota ? t('archive.timeline.visitOver', { date: item.title }) : t('archive.timeline.visit', { date: item.title });
      case 'quote':
        return t('archive.timeline.quote', {
          number: String(d.number ?? ''),
          period: item.title,
          total: formatFen(Number(d.totalFen)),
          state: t(`quotes.states.${String(d.state) as 'draft'}`),
        });
      case 'override':
        return t('archive.timeline.override', { reason: item.title, from: String(d.fromDate), until: String(d.untilDate) });
      case 'round_skipped':
        return t('archive.timeline.roundSkipped', {
          window: item.title,
          reason: t(`maintenance.skipReasons.${String(d.reason) as 'other'}`),
          by: String(d.byName ?? '—'),
          note: d.note ? ` ${String(d.note)}` : '',
        });
      case 'document':
        return `${item.title} · ${t(`archive.documents.kinds.${String(d.kind) as 'other'}`)}`;
      default:
        return item.title;
    }
  };
}

/** 时间线: requests, visits, contracts, quotes and documents, newest first. */
export function TimelineTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(customerId);
  const describeItem = useDescribe();
  if (timeline.isPending) return <Skeleton active />;
  const items = [...(timeline.data ?? [])].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Card size="small" title={t('archive.timeline.title')}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.timeline.empty')} />
      ) : (
        <Timeline
          className="archive-timeline"
          data-testid="archive-timeline"
          items={items.map((item) => ({
            key: `${item.type}-${item.id}`,
            color: TYPE_COLOR[item.type],
            children: (
              <div className="archive-timeline-entry">
                <Tag color={TYPE_COLOR[item.type]}>{t(`archive.timeline.types.${item.type}`)}</Tag>
                {item.type === 'request' ? <Link to={`/tickets/${item.id}`}>{item.title}</Link> : <span>{describeItem(item)}</span>}
                <Typography.Text type="secondary" className="archive-timeline-at">
                  {item.at.length === 10 ? <span className="tabular">{item.at}</span> : <DateTime value={item.at} />}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
