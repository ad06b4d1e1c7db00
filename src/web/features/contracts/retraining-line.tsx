import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRetrainingStatus } from './api.ts';

/** "再培训 已用 1 / 含 2 人次": the contract year's retraining of senior administrators; nothing without a quota. */
export function RetrainingLine({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const current = useRetrainingStatus(customerId).data?.current;
  if (!current || current.quota === 0) return null;
  return (
    <Typography.Text type={current.used >= current.quota ? 'warning' : 'secondary'} className="small-text" data-testid="retraining-used">
      {t('entitlement.retraining', { used: current.used, quota: current.quota })}
    </Typography.Text>
  );
}
