import { FileTextOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type ExplanationKey, explain } from '../../../domain/contracts/entitlement.ts';
import { MAINTENANCE_FEE_EXCLUDES_PARTS } from '../../../domain/contracts/parts.ts';
import { useCan } from '../../components/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { useEntitlement } from './api.ts';
import { EntitlementBadge } from './entitlement-badge.tsx';
import { EntitlementPeople, OverrideButton } from './entitlement-people.tsx';
import { QuoteBuilderModal } from './quote-forms.tsx';
import { RetrainingLine } from './retraining-line.tsx';

/** The request's customer side card: what the customer is owed, and a per-visit quote for this request. */
export function EntitlementCard({ customerId, customerName, ticketId }: { customerId: string; customerName: string; ticketId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const entitlement = useEntitlement(customerId);
  const [isQuoting, setQuoting] = useState(false);
  const e = entitlement.data;

  return (
    <Card
      size="small"
      title={
        <span>
          <SafetyCertificateOutlined aria-hidden /> {t('entitlement.cardTitle')}
        </span>
      }
      extra={<Link to={`/customers/${customerId}?tab=visits`}>{customerName}</Link>}
      data-testid="ticket-entitlement-card"
    >
      <Space orientation="vertical" size={8} className="full-width">
        <EntitlementBadge customerId={customerId} testId="ticket-entitlement" />
        {e && (
          <Typography.Paragraph type="secondary" className="small-text entitlement-card-text">
            {explain({ explanationKey: e.explanationKey as ExplanationKey, explanationParams: e.explanationParams }, currentLanguage())}
          </Typography.Paragraph>
        )}
        {e && (e.basis === 'service_contract' || e.basis === 'free_maintenance') && (
          // 000: the yearly fee (or the free year) covers service, not spare parts and materials.
          <Typography.Text type="secondary" className="small-text" data-testid="ticket-entitlement-parts">
            {MAINTENANCE_FEE_EXCLUDES_PARTS[currentLanguage()]}
          </Typography.Text>
        )}
        <RetrainingLine customerId={customerId} />
        <EntitlementPeople customerId={customerId} testId="ticket-entitlement-people" />
        <OverrideButton customerId={customerId} />
        {can('contract.manage') && (
          <Button size="small" icon={<FileTextOutlined aria-hidden />} onClick={() => setQuoting(true)} data-testid="ticket-quote-create">
            {t('entitlement.createQuote')}
          </Button>
        )}
      </Space>
      <QuoteBuilderModal customerId={customerId} ticketId={ticketId} open={isQuoting} onClose={() => setQuoting(false)} />
    </Card>
  );
}
