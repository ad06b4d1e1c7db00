import { CarOutlined, FilePdfOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { QuoteState } from '../../../domain/contracts/vocabulary.ts';
import { isApiError } from '../../api/client.ts';
import { DateTime } from '../../components/date-time.tsx';
import { FormModal, useSubmitFeedback } from '../../components/form-modal.tsx';
import { ListEmpty } from '../../components/list-state.tsx';
import { useCan, useSession } from '../../components/session.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatFen } from '../../lib/money.ts';
import { useStaffUsers } from '../users/api.ts';
import {
  type Entitlement,
  type Quote,
  quotePdfUrl,
  quotePrintUrl,
  useEntitlement,
  useQuoteAction,
  useQuotes,
  useRegisterVisit,
  useVisits,
  type Visit,
} from './api.ts';
import { EntitlementBadge } from './entitlement-badge.tsx';
import { toLocalDate } from './form-bits.tsx';
import { QuoteBuilderModal, SignQuoteModal } from './quote-forms.tsx';

const QUOTE_COLOR: Record<QuoteState, string> = { draft: 'default', sent: 'processing', signed: 'success', cancelled: 'default' };

/** Whether a visit today needs a signed quote, as far as the entitlement tells (the server has the last word). */
export function needsQuote(e: Entitlement | undefined): boolean {
  if (!e) return false;
  if (e.basis === 'free_maintenance') return false;
  if (e.basis === 'service_contract') return e.visitsLeft === 0;
  return true;
}

/** 上门登记: the visit register against the contract in force, and the per-visit quotes. */
export function VisitsTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const visits = useVisits(customerId);
  const quotes = useQuotes(customerId);
  const staff = useStaffUsers();
  const action = useQuoteAction(customerId);
  const { message } = App.useApp();
  const [isRegistering, setRegistering] = useState(false);
  const [isQuoting, setQuoting] = useState(false);
  const [signing, setSigning] = useState<Quote | null>(null);
  const canManage = can('quote.manage');
  const current = visits.data?.current ?? null;
  const nameOf = (id: string) => staff.data?.find((u) => u.id === id)?.name ?? '…';

  const act = (quote: Quote, kind: 'send' | 'cancel') =>
    action.mutate(
      { id: quote.id, action: kind },
      {
        onSuccess: () => message.success(kind === 'send' ? t('quotes.sentDone') : t('quotes.cancelledDone')),
        onError: (error) => message.error(errorMessage(error, t)),
      },
    );

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Card size="small">
        <Row gutter={[24, 12]} align="middle">
          <Col flex="auto">
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('entitlement.title')}</Typography.Text>
              <EntitlementBadge customerId={customerId} testId="visits-entitlement" />
            </Space>
          </Col>
          {current ? (
            <>
              <Col>
                <Statistic title={t('visits.used')} value={current.used} />
              </Col>
              <Col>
                <Statistic title={t('visits.quota')} value={current.quota ?? t('contracts.service.unlimited')} />
              </Col>
              <Col>
                <div data-testid="visits-current-left" data-left={current.left ?? ''}>
                  <Statistic
                    title={t('visits.left')}
                    value={current.left ?? t('contracts.service.unlimited')}
                    valueStyle={current.left === 0 ? { color: '#cf1322' } : undefined}
                  />
                </div>
              </Col>
            </>
          ) : (
            <Col>
              <Typography.Text type="secondary">{t('visits.noContract')}</Typography.Text>
            </Col>
          )}
          <Col>
            <Space>
              {canManage && (
                <Button icon={<FileTextOutlined aria-hidden />} onClick={() => setQuoting(true)} data-testid="quote-create">
                  {t('quotes.create')}
                </Button>
              )}
              {can('visit.create') && (
                <Button type="primary" icon={<CarOutlined aria-hidden />} onClick={() => setRegistering(true)} data-testid="visit-register">
                  {t('visits.register')}
                </Button>
              )}
            </Space>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t('visits.title')} styles={{ body: { padding: 0 } }}>
        <Table<Visit>
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={visits.data?.items ?? []}
          data-testid="visit-table"
          locale={{ emptyText: <ListEmpty query={visits} description={t('visits.empty')} /> }}
          columns={[
            { key: 'date', title: t('visits.date'), render: (_v, v) => <span className="tabular">{v.visitDate}</span> },
            {
              key: 'type',
              title: t('visits.type'),
              render: (_v, v) => <span data-testid="visit-type">{t(`workOrders.type.${v.type}`)}</span>,
            },
            {
              key: 'engineers',
              title: t('visits.engineers'),
              render: (_v, v) => v.engineerIds.map(nameOf).join(t('common.listSeparator')),
            },
            {
              key: 'basis',
              title: t('visits.countedAs'),
              render: (_v, v) =>
                v.isOverQuota ? (
                  <Tag color="orange">{t('visits.overQuota')}</Tag>
                ) : v.serviceContractId ? (
                  <Tag color="blue">{t('visits.underContract')}</Tag>
                ) : (
                  <Tag color="green">{t('visits.free')}</Tag>
                ),
            },
            {
              key: 'ticket',
              title: t('visits.ticket'),
              render: (_v, v) => (v.ticketId ? <Link to={`/tickets/${v.ticketId}`}>{t('visits.openTicket')}</Link> : t('common.none')),
            },
            { key: 'note', title: t('visits.note'), render: (_v, v) => v.note ?? t('common.none') },
          ]}
        />
      </Card>

      <Card size="small" title={t('quotes.title')} styles={{ body: { padding: 0 } }}>
        <Table<Quote>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={quotes.data ?? []}
          data-testid="quote-table"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <ListEmpty query={quotes} description={t('quotes.empty')} /> }}
          columns={[
            {
              key: 'number',
              title: t('quotes.number'),
              render: (_v, q) => (
                <span className="nowrap" data-testid="quote-number">
                  {q.number}
                </span>
              ),
            },
            { key: 'created', title: t('quotes.createdAt'), render: (_v, q) => <DateTime value={q.createdAt} short /> },
            {
              key: 'state',
              title: t('quotes.state'),
              render: (_v, q) => (
                <Space size={4}>
                  <Tag color={QUOTE_COLOR[q.state]} data-testid="quote-state" data-state={q.state}>
                    {t(`quotes.states.${q.state}`)}
                  </Tag>
                  {q.isDispatchAllowed && <Tag color="green">{t('quotes.dispatchAllowed')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'dates',
              title: t('quotes.period'),
              render: (_v, q) => (
                <span className="tabular nowrap">
                  {q.arrivalDate} ~ {q.departureDate} · {t('quotes.daysCount', { count: q.days })}
                </span>
              ),
            },
            { key: 'people', title: t('quotes.people'), align: 'right', dataIndex: 'people' },
            {
              key: 'total',
              title: t('quotes.total'),
              align: 'right',
              render: (_v, q) => (
                <span className="money" data-testid="quote-row-total">
                  {formatFen(q.totalFen)}
                </span>
              ),
            },
            {
              key: 'signed',
              title: t('quotes.signedBy'),
              render: (_v, q) =>
                q.signedBy ? (
                  <span>
                    {q.signedBy} · <DateTime value={q.signedAt} short />
                  </span>
                ) : (
                  t('common.none')
                ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_v, q) => (
                <Space size={4} wrap={false}>
                  {canManage && q.state === 'draft' && (
                    <Button size="small" type="primary" onClick={() => act(q, 'send')} data-testid="quote-send">
                      {t('quotes.send')}
                    </Button>
                  )}
                  {canManage && q.state === 'sent' && (
                    <Button size="small" type="primary" onClick={() => setSigning(q)} data-testid="quote-sign">
                      {t('quotes.sign')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    icon={<PrinterOutlined aria-hidden />}
                    href={quotePrintUrl(q.id, currentLanguage())}
                    target="_blank"
                    data-testid="quote-print"
                  >
                    {t('quotes.print')}
                  </Button>
                  <Button
                    size="small"
                    icon={<FilePdfOutlined aria-hidden />}
                    href={quotePdfUrl(q.id, currentLanguage())}
                    target="_blank"
                    data-testid="quote-pdf"
                  >
                    {t('quotes.pdf')}
                  </Button>
                  {canManage && (q.state === 'draft' || q.state === 'sent') && (
                    <Popconfirm
                      title={t('quotes.cancelConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => act(q, 'cancel')}
                    >
                      <Button size="small" danger type="text">
                        {t('quotes.cancel')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <VisitModal
        customerId={customerId}
        open={isRegistering}
        onClose={() => setRegistering(false)}
        quotes={quotes.data ?? []}
        visits={visits.data?.items ?? []}
      />
      <QuoteBuilderModal customerId={customerId} open={isQuoting} onClose={() => setQuoting(false)} />
      <SignQuoteModal customerId={customerId} quote={signing} onClose={() => setSigning(null)} />
    </Space>
  );
}

type VisitValues = { visitDate: Dayjs; engineerIds: string[]; note?: string; quoteId?: string };

function VisitModal({
  customerId,
  open,
  onClose,
  quotes,
  visits,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
  quotes: Quote[];
  visits: Visit[];
}) {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<VisitValues>();
  const feedback = useSubmitFeedback(form);
  const staff = useStaffUsers();
  const entitlement = useEntitlement(customerId);
  const register = useRegisterVisit(customerId);
  const [isQuoteRequired, setQuoteRequired] = useState(false);
  const used = new Set(visits.map((v) => v.quoteId).filter(Boolean));
  const signed = quotes.filter((q) => q.state === 'signed' && !used.has(q.id));
  const showWarning = isQuoteRequired || needsQuote(entitlement.data);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ visitDate: dayjs(), engineerIds: me.role === 'engineer' ? [me.id] : [] });
      setQuoteRequired(false);
    }
  }, [open, form, me]);

  const submit = (values: VisitValues) => {
    register.mutate(
      {
        visitDate: toLocalDate(values.visitDate) ?? '',
        engineerIds: values.engineerIds,
        note: values.note?.trim() || undefined,
        quoteId: values.quoteId || undefined,
      },
      {
        ...feedback.callbacks((visit) => (visit.isOverQuota ? t('visits.registeredOver') : t('visits.registered')), onClose),
        onError: (error) => {
          if (isApiError(error, 'quote_required')) {
            setQuoteRequired(true);
            form.setFields([{ name: 'quoteId', errors: [t('visits.quoteRequired')] }]);
            return;
          }
          feedback.showError(error);
        },
      },
    );
  };

  return (
    <FormModal<VisitValues>
      title={t('visits.register')}
      form={form}
      open={open}
      onClose={onClose}
      onFinish={submit}
      isPending={register.isPending}
      submitTestId="visit-submit"
      okText={t('visits.registerSubmit')}
      intro={
        showWarning && (
          <Alert
            type="warning"
            showIcon
            className="modal-alert"
            title={t('visits.overQuotaWarning')}
            description={signed.length === 0 ? t('visits.noSignedQuote') : undefined}
            data-testid="visit-quote-warning"
          />
        )
      }
      resetOnOpen={false}
    >
      <Form.Item name="visitDate" label={t('visits.date')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker className="full-width" data-testid="visit-date" />
      </Form.Item>
      <Form.Item
        name="engineerIds"
        label={t('visits.engineers')}
        rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
      >
        <Select
          mode="multiple"
          loading={staff.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          placeholder={t('visits.engineersPlaceholder')}
          data-testid="visit-engineers"
        />
      </Form.Item>
      <Form.Item name="quoteId" label={t('visits.quote')} extra={t('visits.quoteHelp')}>
        <Select
          allowClear
          placeholder={signed.length === 0 ? t('visits.noSignedQuoteShort') : t('visits.quotePlaceholder')}
          disabled={signed.length === 0}
          options={signed.map((q) => ({
            value: q.id,
            label: `${q.arrivalDate} ~ ${q.departureDate} · ${formatFen(q.totalFen)} · ${q.signedBy ?? ''}`,
          }))}
          data-testid="visit-quote"
        />
      </Form.Item>
      <Form.Item name="note" label={t('visits.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
