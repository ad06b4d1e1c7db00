import { Alert, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useIncidents } from './api.ts';
import { IncidentStatusTag, useDepartmentName } from './incident-labels.tsx';

/** Portal: the hospital sees that the plan is active, which departments are on paper, and the re-entry progress. */
export function PortalEmergencyBanner({ hospital }: { hospital: string }) {
  const { t, i18n } = useTranslation();
  const departmentName = useDepartmentName();
  const incidents = useIncidents({ status: 'open' });
  const items = incidents.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {items.map((i) => (
        <Alert
          key={i.id}
          type={i.status === 'open' ? 'error' : 'warning'}
          showIcon
          data-testid="portal-emergency"
          message={
            <Space wrap>
              <strong>{t('emergency.portalActive')}</strong>
              <IncidentStatusTag status={i.status} isDrill={i.isDrill} />
              <Link to={`/portal/requests/${i.ticketId}`}>{i.ticketNumber}</Link>
            </Space>
          }
          description={
            <div>
              <div>{i.status === 'open' ? t('emergency.portalBody', { hospital }) : t('emergency.portalRecovered')}</div>
              <div>
                {i.onPaper.length > 0
                  ? t('emergency.portalOnPaper', {
                      departments: i.onPaper.map(departmentName).join(i18n.language === 'en' ? ', ' : '、'),
                    })
                  : t('emergency.portalNone')}
              </div>
              {i.reentry.total > 0 && (
                <div style={{ maxWidth: 360 }}>
                  {t('emergency.reentryProgress', { done: i.reentry.finished, total: i.reentry.total })}
                  <Progress percent={Math.round((100 * i.reentry.finished) / i.reentry.total)} size="small" />
                </div>
              )}
            </div>
          }
        />
      ))}
    </Space>
  );
}
