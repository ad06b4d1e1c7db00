import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../api/live.ts';

const BADGE: Record<LiveStatus, 'success' | 'processing' | 'error'> = { open: 'success', connecting: 'processing', closed: 'error' };

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`live.${status}`)}>
      <span className="live-indicator" data-testid="live-indicator" data-status={status}>
        <Badge status={BADGE[status]} />
        <span className="live-indicator-text">{status === 'open' ? t('live.badge') : '···'}</span>
      </span>
    </Tooltip>
  );
}
