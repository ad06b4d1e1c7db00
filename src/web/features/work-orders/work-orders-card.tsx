import { AuditOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSPORTS, WORK_ORDER_TYPES, type WorkOrderStatus } from '../../../domain/field/work-orders.ts';
import { isApiError } from '../../api/client.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { useCan, useTimeZone } from '../../components/session.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatFen } from '../../lib/money.ts';
import { formatDateTime } from '../../lib/time.ts';
import { useStaffUsers } from '../users/api.ts';
import {
  reportUrl,
  useCreateWorkOrder,
  useOrderPriceList,
  useRecordWrittenConfirmation,
  useTicketWorkOrders,
  useUpdateWorkOrder,
  useWorkOrderSuggestion,
  type WorkOrder,
} from './api.ts';
import { PartsEditor } from './parts-editor.tsx';
import { PhotoThumbnails } from './photo-strip.tsx';

export const STATUS_COLOR: Record<WorkOrderStatus, string> = {
  planned: 'blue',
  on_site: 'orange',
  checked_out: 'gold',
  signed_off: 'green',
  cancelled: 'default',
};

type FormValues = {
  type: (typeof WORK_ORDER_TYPES)[number];
  plannedAt: Dayjs;
  engineerIds: string[];
  transport?: (typeof TRANSPORTS)[number];
  overrideReason?: string;
};

/** The request's work orders (派工单): the list with status and report, and dispatching a new one. */
export function WorkOrdersCard({ ticketId, isClosed }: { ticketId: string; isClosed: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const timeZone = useTimeZone();
  const orders = useTicketWorkOrders(ticketId);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [partsOpen, setPartsOpen] = useState<string | null>(null);
  return (
    <Card
      size="small"
      title={t('workOrders.title')}
      className="side-card"
      data-testid="work-orders-card"
      extra={
        !isClosed && (
          <Space size={4} wrap>
            {can('ticket.update') && (
              <Button
                size="small"
                icon={<AuditOutlined aria-hidden />}
                onClick={() => setConfirming(true)}
                data-testid="written-confirmation"
              >
                {t('workOrders.writtenConfirmation')}
              </Button>
            )}
            {can('work_order.create') && (
              <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="work-order-new">
                {t('workOrders.create')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <List
        size="small"
        loading={orders.isLoading}
        dataSource={orders.data ?? []}
        locale={{ emptyText: <span className="muted">{t('workOrders.empty')}</span> }}
        renderItem={(o) => (
          <List.Item
            data-testid="work-order-row"
            extra={
              o.status === 'signed_off' && (
                <a href={reportUrl(o.id)} target="_blank" rel="noreferrer" aria-label={t('workOrders.report')}>
                  <FilePdfOutlined aria-hidden />
                </a>
              )
            }
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <span>{o.number}</span>
                  <Tag color={STATUS_COLOR[o.status]}>{t(`workOrders.status.${o.status}`)}</Tag>
                  <Tag>{t(`workOrders.type.${o.type}`)}</Tag>
                </Space>
              }
              description={
                <>
                  {formatDateTime(o.plannedAt, timeZone)} · {o.engineers.map((e) => e.name).join('、')}
                  {o.transport && ` · ${t(`workOrders.transport.${o.transport}`)}`}
                  {o.signatureKind === 'scanned_form' && ` · ${t('workOrders.scannedForm')}`}
                  {o.status !== 'planned' && o.status !== 'cancelled' && (
                    <PhotoThumbnails
                      workOrderId={o.id}
                      canDelete={can('work_order.work') && (o.status === 'on_site' || o.status === 'checked_out')}
                    />
                  )}
                  <div>
                    <Button
                      type="link"
                      size="small"
                      className="inline-link"
                      aria-expanded={partsOpen === o.id}
                      onClick={() => setPartsOpen(partsOpen === o.id ? null : o.id)}
                      data-testid="work-order-parts-toggle"
                    >
                      {t('workOrders.parts')} ({o.parts.length}) · {formatFen(o.partsTotalFen)}
                    </Button>
                  </div>
                  {partsOpen === o.id && <OrderParts ticketId={ticketId} order={o} />}
                </>
              }
            />
          </List.Item>
        )}
      />
      {open && <CreateWorkOrderModal ticketId={ticketId} onClose={() => setOpen(false)} />}
      <WrittenConfirmationModal ticketId={ticketId} open={confirming} onClose={() => setConfirming(false)} />
    </Card>
  );
}

/** An order's parts on the request page: read by all staff, edited by a manager acting for the engineers. */
function OrderParts({ ticketId, order }: { ticketId: string; order: WorkOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const isEditable = can('work_order.act_for_others') && ['planned', 'on_site', 'checked_out'].includes(order.status);
  const priceList = useOrderPriceList(isEditable);
  const update = useUpdateWorkOrder(ticketId);
  return (
    <PartsEditor
      order={order}
      priceList={priceList.data ?? []}
      isEditable={isEditable && !update.isPending}
      onSave={(parts) => update.mutate({ id: order.id, parts }, { onError: (error) => message.error(errorMessage(error, t)) })}
    />
  );
}

/** Records the customer's written confirmation of the proposed solution; under that policy option it starts the on-site clock. */
function WrittenConfirmationModal({ ticketId, open, onClose }: { ticketId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ confirmedByName: string; confirmedAt?: Dayjs; note?: string }>();
  const record = useRecordWrittenConfirmation(ticketId);
  return (
    <FormModal
      title={t('workOrders.writtenConfirmation')}
      form={form}
      open={open}
      onClose={onClose}
      isPending={record.isPending}
      submitTestId="written-confirmation-submit"
      intro={<Typography.Paragraph type="secondary">{t('workOrders.writtenConfirmationHelp')}</Typography.Paragraph>}
      onFinish={(values) =>
        record.mutate(
          {
            confirmedByName: values.confirmedByName.trim(),
            confirmedAt: values.confirmedAt?.toISOString(),
            note: values.note?.trim() || undefined,
          },
          {
            onSuccess: (result) => {
              message.success(t(result.startsOnSiteClock ? 'workOrders.confirmationClock' : 'workOrders.confirmationRecorded'));
              onClose();
            },
            onError: (error) => message.error(errorMessage(error, t)),
          },
        )
      }
    >
      <Form.Item
        name="confirmedByName"
        label={t('workOrders.confirmedBy')}
        rules={[{ required: true, whitespace: true, message: t('workOrders.signerRequired') }]}
      >
        <Input maxLength={100} data-testid="written-confirmation-by" />
      </Form.Item>
      <Form.Item name="confirmedAt" label={t('workOrders.confirmedAtLabel')} extra={t('workOrders.confirmedAtHelp')}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          className="full-width"
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          data-testid="written-confirmation-at"
        />
      </Form.Item>
      <Form.Item name="note" label={t('workOrders.confirmationNote')}>
        <Input.TextArea maxLength={2000} rows={2} data-testid="written-confirmation-note" />
      </Form.Item>
    </FormModal>
  );
}

function CreateWorkOrderModal({ ticketId, onClose }: { ticketId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<FormValues>();
  const staff = useStaffUsers();
  const suggestion = useWorkOrderSuggestion(ticketId, true);
  const create = useCreateWorkOrder(ticketId);
  const [needsOverride, setNeedsOverride] = useState(false);
  const type = Form.useWatch('type', form);
  const isUncovered = suggestion.data && !suggestion.data.isCovered && type === 'emergency';

  const submit = async (values: FormValues) => {
    try {
      await create.mutateAsync({
        type: values.type,
        plannedAt: values.plannedAt.toISOString(),
        engineerIds: values.engineerIds,
        transport: values.transport,
        overrideReason: values.overrideReason?.trim() || undefined,
      });
      message.success(t('workOrders.created'));
      onClose();
    } catch (error) {
      if (isApiError(error, 'quote_required')) setNeedsOverride(true);
      message.error(
        isApiError(error, 'quote_required') ? t('workOrders.quoteRequired') : error instanceof Error ? error.message : String(error),
      );
    }
  };

  return (
    <Modal
      open
      title={t('workOrders.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('workOrders.dispatch')}
      confirmLoading={create.isPending}
      okButtonProps={{ id: 'work-order-submit' }}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'emergency', plannedAt: dayjs().add(2, 'hour').startOf('hour'), engineerIds: [] }}
      >
        <Form.Item name="type" label={t('workOrders.typeLabel')} rules={[{ required: true }]}>
          <Select data-testid="work-order-type" options={WORK_ORDER_TYPES.map((v) => ({ value: v, label: t(`workOrders.type.${v}`) }))} />
        </Form.Item>
        <Form.Item name="plannedAt" label={t('workOrders.plannedAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
        </Form.Item>
        <Form.Item name="engineerIds" label={t('workOrders.engineers')} extra={t('workOrders.engineersLater')}>
          <Select
            mode="multiple"
            data-testid="work-order-engineers"
            loading={staff.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item
          name="transport"
          label={t('workOrders.transportLabel')}
          extra={
            suggestion.data &&
            t('workOrders.suggested', {
              list: suggestion.data.transports.map((v) => t(`workOrders.transport.${v}`)).join(t('workOrders.or')),
            })
          }
        >
          <Select
            allowClear
            options={TRANSPORTS.map((v) => ({
              value: v,
              label: suggestion.data?.transports.includes(v) ? `${t(`workOrders.transport.${v}`)} ★` : t(`workOrders.transport.${v}`),
            }))}
          />
        </Form.Item>
        {(isUncovered || needsOverride) && (
          <>
            <Typography.Paragraph type="warning">{t('workOrders.notCovered')}</Typography.Paragraph>
            {can('work_order.override_dispatch') && (
              <Form.Item name="overrideReason" label={t('workOrders.overrideReason')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
