import { ArrowLeftOutlined, CheckCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useTimeZone } from '../../components/session.tsx';
import { SeverityTag, StatusTag, useVocab } from '../../components/vocab.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/time.ts';
import { EntitlementCard } from '../contracts/entitlement-card.tsx';
import { DeclareIncidentButton } from '../emergency/components.tsx';
import { SurveyLinkCard } from '../service-quality/survey-link-card.tsx';
import { SlaBadge } from '../sla/sla-badge.tsx';
import { SlaPanel } from '../sla/sla-panel.tsx';
import { WorkOrdersCard } from '../work-orders/work-orders-card.tsx';
import { useTicket } from './api.ts';
import { AttachmentsCard } from './attachments-card.tsx';
import { ReplyBox } from './reply-box.tsx';
import { DispatchCard, TicketProperties } from './ticket-properties.tsx';
import { TicketTimeline } from './ticket-timeline.tsx';
import { TicketToolsCard } from './ticket-tools-card.tsx';
import { TransitionActions } from './transition-actions.tsx';

type Props = {
  id: string;
  /** Staff see dispatch, internal notes and editing; a hospital user sees its public card. */
  audience: 'staff' | 'customer';
  backTo: string;
  backLabel: string;
};

/** The service tracking card (服务跟踪卡), for staff and for the customer portal. */
export function TicketDetailView({ id, audience, backTo, backLabel }: Props) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const timeZone = useTimeZone();
  const query = useTicket(id);

  if (query.isPending) {
    return (
      <div className="page">
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (query.isError) {
    return (
      <Result
        status={isApiError(query.error, 'not_found') ? '404' : 'warning'}
        title={isApiError(query.error, 'not_found') ? t('errors.notFound') : t('errors.loadFailed')}
        subTitle={isApiError(query.error, 'not_found') ? undefined : errorMessage(query.error, t)}
        extra={
          <Link to={backTo}>
            <Button>{backLabel}</Button>
          </Link>
        }
      />
    );
  }

  const ticket = query.data;
  const awaitingCustomer = audience === 'customer' && ticket.status === 'resolved' && ticket.allowedTransitions.includes('confirmed');

  return (
    <div className="page ticket-detail" data-testid="ticket-detail" data-status={ticket.status} data-version={ticket.version}>
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to={backTo}>{backLabel}</Link> }, { title: ticket.number }]} />
      <Card className="ticket-header-card">
        <div className="ticket-header">
          <div className="ticket-header-main">
            <div className="ticket-header-meta">
              <Link to={backTo} className="back-link" aria-label={backLabel}>
                <ArrowLeftOutlined aria-hidden />
              </Link>
              <Typography.Text className="ticket-number-heading" data-testid="ticket-number" copyable={{ text: ticket.number }}>
                {ticket.number}
              </Typography.Text>
              <SeverityTag severity={ticket.severity} />
              <span data-testid="ticket-status">
                <StatusTag status={ticket.status} />
              </span>
              <SlaBadge targets={ticket.sla} asOf={query.dataUpdatedAt} testId="ticket-sla-badge" />
              {query.isFetching && <ReloadOutlined aria-hidden spin className="muted" />}
            </div>
            <Typography.Title level={4} className="ticket-title" data-testid="ticket-title">
              {ticket.title}
            </Typography.Title>
            <Space size={16} wrap className="ticket-subline">
              {audience === 'staff' ? (
                <Link to={`/customers/${ticket.customerId}`}>{ticket.customerName}</Link>
              ) : (
                <span>{ticket.customerName}</span>
              )}
              <span>
                {label('channel', ticket.channel)} · {label('kind', ticket.kind)}
              </span>
              <span>
                {t('ticket.createdAt')} <DateTime value={ticket.createdAt} />
              </span>
              <span>{t('detail.assigneeLine', { name: ticket.assignee?.name ?? t('ticket.unassigned') })}</span>
            </Space>
          </div>
          <div className="ticket-header-actions">
            <TransitionActions ticket={ticket} audience={audience} />
            {audience === 'staff' && <DeclareIncidentButton ticketId={ticket.id} />}
          </div>
        </div>
      </Card>

      {awaitingCustomer && <Alert type="success" showIcon className="confirm-banner" title={t('portal.awaitingConfirmation')} />}

      <Row gutter={[16, 16]} className="ticket-body">
        <Col xs={24} lg={16} xxl={17}>
          <Card size="small" title={t('detail.description')} className="description-card">
            <div className="description-text" data-testid="ticket-description">
              {ticket.description}
            </div>
            {ticket.resolutionSummary && (
              <div className="resolution-block" data-testid="ticket-resolution">
                <div className="resolution-title">
                  <CheckCircleFilled aria-hidden /> {t('detail.resolution')}
                  {ticket.resolvedAt && <span className="muted"> · {formatDateTime(ticket.resolvedAt, timeZone)}</span>}
                </div>
                <div className="resolution-text">{ticket.resolutionSummary}</div>
                {ticket.confirmedAt && ticket.confirmedByName && (
                  <div className="resolution-confirmed">
                    {t('detail.confirmedBy', { name: ticket.confirmedByName, time: formatDateTime(ticket.confirmedAt, timeZone) })}
                  </div>
                )}
              </div>
            )}
          </Card>
          <Card size="small" title={t('detail.timeline')} className="timeline-card">
            <TicketTimeline events={ticket.events} />
            {ticket.status !== 'cancelled' && <ReplyBox ticketId={ticket.id} audience={audience} />}
          </Card>
        </Col>
        <Col xs={24} lg={8} xxl={7}>
          <Space orientation="vertical" size={16} className="full-width">
            <SlaPanel ticket={ticket} asOf={query.dataUpdatedAt} audience={audience} />
            {audience === 'staff' && (
              <EntitlementCard customerId={ticket.customerId} customerName={ticket.customerName} ticketId={ticket.id} />
            )}
            {audience === 'staff' && <DispatchCard ticket={ticket} />}
            <WorkOrdersCard ticketId={ticket.id} isClosed={ticket.status === 'closed' || ticket.status === 'cancelled'} />
            <TicketProperties ticket={ticket} audience={audience} />
            <TicketToolsCard ticket={ticket} audience={audience} />
            {audience === 'staff' && <SurveyLinkCard ticketId={ticket.id} status={ticket.status} />}
            <AttachmentsCard ticketId={ticket.id} attachments={ticket.attachments} audience={audience} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
