import { Card, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingSurveys } from './api.ts';

// The form (antd Form and Rate) loads only when a survey is due, not with every portal visit.
const PeriodicSurveyForm = lazy(() => import('./periodic-survey-form.tsx').then((m) => ({ default: m.PeriodicSurveyForm })));

/** The portal's periodic satisfaction surveys still to answer (the emailed link's form, signed in): once each. */
export function PortalSurveysCard({ customerId }: { customerId: string | null }) {
  const { t } = useTranslation();
  const pending = usePendingSurveys(customerId);
  if (!customerId || !pending.data?.length) return null;
  return (
    <Card title={t('serviceQuality.survey.pendingTitle')} size="small" data-testid="portal-surveys" style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {pending.data.map((s) => (
          <Suspense key={s.id} fallback={null}>
            <PeriodicSurveyForm customerId={customerId} id={s.id} period={s.period ?? ''} />
          </Suspense>
        ))}
      </Space>
    </Card>
  );
}
