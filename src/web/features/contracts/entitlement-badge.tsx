import { InfoCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type EntitlementBasis, type ExplanationKey, explain } from '../../../domain/contracts/entitlement.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { type Entitlement, useEntitlement } from './api.ts';
import './contracts.css';

export const BASIS_COLOR: Record<EntitlementBasis, string> = {
  free_maintenance: 'green',
  service_contract: 'blue',
  unaccepted_running: 'orange',
  expired: 'red',
  no_service: 'magenta',
  none: 'default',
};

/** "服务合同 · 银牌级 · 剩余 8 次上门": the basis, then what matters for dispatching someone. */
export function useEntitlementText() {
  const { t } = useTranslation();
  const isZh = currentLanguage() === 'zh-CN';
  return (e: Entitlement): string => {
    const parts: string[] = [t(`entitlement.basis.${e.basis}`)];
    if (e.tier) parts.push(isZh ? e.tier.nameZh : e.tier.nameEn);
    if (e.basis === 'service_contract') {
      parts.push(
        e.visitsLeft === null || e.visitsLeft === undefined
          ? t('entitlement.unlimited')
          : t('entitlement.visitsLeft', { count: e.visitsLeft }),
      );
    }
    if (e.case) parts.push(t('entitlement.case', { n: e.case }));
    return parts.join(' · ');
  };
}

/** The entitlement as a coloured tag; the explanation (in the UI's language) in a popover. */
export function EntitlementBadge({ customerId, testId = 'entitlement-badge' }: { customerId: string | undefined; testId?: string }) {
  const { t } = useTranslation();
  const query = useEntitlement(customerId);
  const text = useEntitlementText();
  if (!customerId) return null;
  if (query.isPending) return <LoadingOutlined aria-hidden className="muted" />;
  if (query.isError) return <Typography.Text type="secondary">{t('entitlement.failed')}</Typography.Text>;
  const e = query.data;
  const explanation = explain(
    { explanationKey: e.explanationKey as ExplanationKey, explanationParams: e.explanationParams },
    currentLanguage(),
  );
  return (
    <Popover
      title={t('entitlement.title')}
      content={
        <div className="entitlement-explanation" data-testid={`${testId}-explanation`}>
          {explanation}
        </div>
      }
      placement="bottomLeft"
    >
      <Tag
        color={BASIS_COLOR[e.basis]}
        className="entitlement-tag"
        data-testid={testId}
        data-basis={e.basis}
        data-visits-left={e.visitsLeft ?? ''}
      >
        <span data-testid={`${testId}-text`}>{text(e)}</span>
        <InfoCircleOutlined aria-hidden className="entitlement-info" />
      </Tag>
    </Popover>
  );
}
