import { CloudSyncOutlined, EnvironmentOutlined, FilePdfOutlined, PhoneOutlined, ScanOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Empty, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../components/session.tsx';
import { SignaturePad } from '../../components/signature-pad.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { mapUrl, reportUrl, useMyWorkOrders, useOrderPriceList, type WorkOrder, workOrderKeys } from './api.ts';
import { useFieldOffline } from './install-offline.ts';
import {
  discardConflict,
  dismissConflicts,
  enqueue,
  enqueueFile,
  type QueuedAction,
  retryConflict,
  useFieldQueue,
} from './offline-queue.ts';
import { PartsEditor } from './parts-editor.tsx';
import { downscalePhoto, jpegName } from './photo-store.ts';
import { CameraButton, PendingThumbnails, PhotoThumbnails } from './photo-strip.tsx';
import { STATUS_COLOR } from './work-orders-card.tsx';
import './field.css';

/** What an action does to the order on the phone, before the server has seen it (shown at once offline). */
function applyLocally(order: WorkOrder, action: QueuedAction): WorkOrder {
  const at = String(action.body.at ?? action.queuedAt);
  switch (action.kind) {
    case 'check-in':
      return { ...order, status: 'on_site', checkInAt: at };
    case 'check-out':
      return { ...order, status: 'checked_out', checkOutAt: at };
    case 'sign-off':
      return {
        ...order,
        status: 'signed_off',
        signerName: String(action.body.signerName),
        hasSignature: action.body.signature !== undefined,
        signatureKind: action.body.signature !== undefined ? 'drawn' : 'scanned_form',
        signedOffAt: at,
      };
    case 'update':
      return { ...order, ...(action.body as Partial<WorkOrder>) };
    case 'photo':
      return order;
  }
}

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The engineer's phone (/field): today's and upcoming work orders, the address with a map link,
 * check-in/out, the checklist, the work log, parts and the customer's signature on the glass. Every
 * action is queued with its real time and sent in order when the network is there.
 */
export function FieldPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const online = useOnline();
  useFieldOffline();
  const from = useMemo(() => dayjs().startOf('day').toISOString(), []);
  const orders = useMyWorkOrders(from);
  const [openId, setOpenId] = useState<string | null>(null);

  const replaceOrder = useCallback(
    (order: WorkOrder | null, action: QueuedAction) => {
      if (action.kind === 'photo') {
        void queryClient.invalidateQueries({ queryKey: workOrderKeys.photos(action.workOrderId) });
        return;
      }
      if (!order) return;
      queryClient.setQueryData<{ items: WorkOrder[] }>(workOrderKeys.mine(from), (data) =>
        data ? { items: data.items.map((o) => (o.id === order.id ? order : o)) } : data,
      );
    },
    [queryClient, from],
  );
  const queue = useFieldQueue(replaceOrder);
  const pendingIds = new Set(queue.pending.map((a) => a.workOrderId));

  // Orders as the phone knows them: the server's copy plus what is still waiting to be sent.
  const items = (orders.data ?? []).map((o) => queue.pending.filter((a) => a.workOrderId === o.id).reduce(applyLocally, o));

  const act = (action: Omit<QueuedAction, 'clientActionId' | 'queuedAt'>) => {
    enqueue(action);
    if (navigator.onLine) void queue.flush();
  };
  /** A photo or the scanned form: made small, kept in IndexedDB, queued in order with the rest. */
  const addFile: AddFile = async ({ workOrderId, kind, file }) => {
    const blob = file.type === 'application/pdf' ? file : await downscalePhoto(file);
    const clientId = await enqueueFile({ workOrderId, kind, blob, fileName: jpegName(file.name, blob) });
    if (navigator.onLine) void queue.flush();
    return clientId;
  };

  return (
    <div className="field-page" data-testid="field-page">
      <div className="field-head">
        <Typography.Title level={4}>{t('workOrders.fieldTitle')}</Typography.Title>
        <Tag color={online ? 'green' : 'red'} data-testid="field-online">
          {online ? t('workOrders.online') : t('workOrders.offline')}
        </Tag>
      </div>
      {queue.pending.length > 0 && (
        <Alert
          type="info"
          showIcon
          icon={<CloudSyncOutlined aria-hidden />}
          data-testid="field-pending"
          title={t('workOrders.pending', { count: queue.pending.length })}
          action={
            online && (
              <Button size="small" onClick={() => void queue.flush()}>
                {t('workOrders.syncNow')}
              </Button>
            )
          }
        />
      )}
      {queue.conflicts.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="field-conflicts"
          title={t('workOrders.conflicts', { count: queue.conflicts.length })}
          description={
            <ul className="field-conflicts">
              {queue.conflicts.map((c) => (
                <li key={c.action.clientActionId} data-testid="field-conflict">
                  {t(`workOrders.action.${c.action.kind}`)}: {c.message}{' '}
                  <Space size={4}>
                    <Button
                      size="small"
                      onClick={() => {
                        retryConflict(c.action.clientActionId);
                        void queue.flush();
                      }}
                      data-testid="field-conflict-retry"
                    >
                      {t('workOrders.retry')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => discardConflict(c.action.clientActionId)}
                      data-testid="field-conflict-discard"
                    >
                      {t('workOrders.discard')}
                    </Button>
                  </Space>
                </li>
              ))}
            </ul>
          }
          action={
            <Button size="small" onClick={dismissConflicts}>
              {t('workOrders.dismiss')}
            </Button>
          }
        />
      )}
      {items.length === 0 && !orders.isLoading && <Empty description={<span className="muted">{t('workOrders.noneToday')}</span>} />}
      <Space orientation="vertical" size={12} className="full-width">
        {items.map((o) => (
          <OrderCard
            key={o.id}
            order={o}
            isOpen={openId === o.id || items.length === 1}
            isSyncing={pendingIds.has(o.id)}
            pendingPhotoIds={queue.pending
              .filter((a) => a.workOrderId === o.id && a.kind === 'photo' && a.body.kind === 'photo')
              .map((a) => a.clientActionId)}
            isOnline={online}
            onToggle={() => setOpenId(openId === o.id ? null : o.id)}
            act={act}
            addFile={addFile}
          />
        ))}
      </Space>
    </div>
  );
}

type Act = (action: Omit<QueuedAction, 'clientActionId' | 'queuedAt'>) => void;
type AddFile = (file: { workOrderId: string; kind: 'photo' | 'signed_form'; file: File }) => Promise<string>;

function OrderCard({
  order: o,
  isOpen,
  isSyncing,
  pendingPhotoIds,
  isOnline,
  onToggle,
  act,
  addFile,
}: {
  order: WorkOrder;
  isOpen: boolean;
  isSyncing: boolean;
  pendingPhotoIds: string[];
  isOnline: boolean;
  onToggle: () => void;
  act: Act;
  addFile: AddFile;
}) {
  const { t } = useTranslation();
  const timeZone = useTimeZone();
  const now = () => new Date().toISOString();
  const isEditable = o.status === 'planned' || o.status === 'on_site' || o.status === 'checked_out';
  return (
    <Card size="small" className="field-order" data-testid="field-order">
      <button type="button" className="field-order-head" onClick={onToggle} aria-expanded={isOpen}>
        <Space size={4} wrap>
          <strong>{o.number}</strong>
          <Tag color={STATUS_COLOR[o.status]} data-testid="field-status">
            {t(`workOrders.status.${o.status}`)}
          </Tag>
          <Tag>{t(`workOrders.type.${o.type}`)}</Tag>
          {isSyncing && <Tag icon={<CloudSyncOutlined aria-hidden />}>{t('workOrders.waiting')}</Tag>}
        </Space>
        <div className="field-order-customer">{o.customerName}</div>
        <div className="muted">
          {formatDateTime(o.plannedAt, timeZone)} · {o.ticketNumber} {o.ticketTitle}
        </div>
      </button>
      <div className="field-links">
        {o.address && (
          <a href={mapUrl(o.address)} target="_blank" rel="noreferrer" data-testid="field-map">
            <EnvironmentOutlined aria-hidden /> {o.address}
          </a>
        )}
        {o.contactPhone && (
          <a href={`tel:${o.contactPhone}`}>
            <PhoneOutlined aria-hidden /> {o.contactName} {o.contactPhone}
          </a>
        )}
      </div>
      {isOpen && (
        <div className="field-order-body">
          <div className="field-actions">
            {o.status === 'planned' && (
              <Button
                type="primary"
                size="large"
                block
                data-testid="field-check-in"
                onClick={() => act({ workOrderId: o.id, kind: 'check-in', body: { at: now() } })}
              >
                {t('workOrders.checkIn')}
              </Button>
            )}
            {o.status === 'on_site' && (
              <Button
                type="primary"
                size="large"
                block
                data-testid="field-check-out"
                onClick={() => act({ workOrderId: o.id, kind: 'check-out', body: { at: now() } })}
              >
                {t('workOrders.checkOut')}
              </Button>
            )}
            {o.checkInAt && (
              <div className="muted">
                {t('workOrders.arrived')} {formatDateTime(o.checkInAt, timeZone)}
                {o.checkOutAt && ` · ${t('workOrders.left')} ${formatDateTime(o.checkOutAt, timeZone)}`}
              </div>
            )}
          </div>
          <Typography.Title level={5}>{t('workOrders.checklist')}</Typography.Title>
          <Space orientation="vertical" data-testid="field-checklist">
            {o.checklist.map((item, i) => (
              <Checkbox
                key={item.key}
                checked={item.isDone}
                disabled={!isEditable}
                onChange={(e) =>
                  act({
                    workOrderId: o.id,
                    kind: 'update',
                    body: { checklist: o.checklist.map((c, j) => (j === i ? { ...c, isDone: e.target.checked } : c)) },
                  })
                }
              >
                {t(`workOrders.checklistItem.${item.key}`, { defaultValue: item.label })}
              </Checkbox>
            ))}
          </Space>
          <Typography.Title level={5}>{t('workOrders.photos')}</Typography.Title>
          <PhotoThumbnails workOrderId={o.id} canDelete={isEditable && isOnline} enabled={isOnline} />
          <PendingThumbnails clientIds={pendingPhotoIds} />
          {isEditable && (
            <div className="field-save">
              <CameraButton onPhoto={async (file) => void (await addFile({ workOrderId: o.id, kind: 'photo', file }))} />
            </div>
          )}
          <WorkLog order={o} isEditable={isEditable} act={act} />
          <Parts order={o} isEditable={isEditable} act={act} />
          {o.status === 'checked_out' && <SignOff order={o} act={act} addFile={addFile} />}
          {o.status === 'signed_off' && (
            <Alert
              type="success"
              showIcon
              title={t('workOrders.signedBy', { name: o.signerName ?? '' })}
              description={o.signatureKind === 'scanned_form' ? t('workOrders.scannedForm') : undefined}
              action={
                !isSyncing && (
                  <a href={reportUrl(o.id)} target="_blank" rel="noreferrer" data-testid="field-report">
                    <FilePdfOutlined aria-hidden /> {t('workOrders.report')}
                  </a>
                )
              }
            />
          )}
        </div>
      )}
    </Card>
  );
}

function WorkLog({ order, isEditable, act }: { order: WorkOrder; isEditable: boolean; act: Act }) {
  const { t } = useTranslation();
  const [text, setText] = useState(order.workLog);
  return (
    <>
      <Typography.Title level={5} id={`log-${order.id}`}>
        {t('workOrders.workLog')}
      </Typography.Title>
      <Input.TextArea
        aria-labelledby={`log-${order.id}`}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        disabled={!isEditable}
        maxLength={20_000}
        data-testid="field-log"
      />
      {isEditable && text !== order.workLog && (
        <Button className="field-save" onClick={() => act({ workOrderId: order.id, kind: 'update', body: { workLog: text } })}>
          {t('workOrders.saveLog')}
        </Button>
      )}
    </>
  );
}

function Parts({ order, isEditable, act }: { order: WorkOrder; isEditable: boolean; act: Act }) {
  const { t } = useTranslation();
  const priceList = useOrderPriceList();
  return (
    <>
      <Typography.Title level={5}>{t('workOrders.parts')}</Typography.Title>
      <PartsEditor
        order={order}
        priceList={priceList.data ?? []}
        isEditable={isEditable}
        onSave={(parts) => act({ workOrderId: order.id, kind: 'update', body: { parts } })}
      />
    </>
  );
}

type SignOffValues = { signerName: string; signerTitle?: string; rating?: number; remark?: string };

function SignOff({ order, act, addFile }: { order: WorkOrder; act: Act; addFile: AddFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [method, setMethod] = useState<'drawn' | 'scanned'>('drawn');
  const [signature, setSignature] = useState<string | null>(null);
  const [scan, setScan] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const isReady = method === 'drawn' ? signature !== null : scan !== null;
  const submit = async (values: SignOffValues) => {
    if (!isReady) return;
    const common = {
      signerName: values.signerName.trim(),
      signerTitle: values.signerTitle?.trim() || undefined,
      rating: values.rating || undefined,
      remark: values.remark?.trim() || undefined,
      at: new Date().toISOString(),
    };
    if (method === 'drawn') {
      act({ workOrderId: order.id, kind: 'sign-off', body: { ...common, signature } });
      return;
    }
    if (!scan) return;
    setBusy(true);
    try {
      // The scan is queued first, so it reaches the server before the sign-off that names it.
      const signedFormClientId = await addFile({ workOrderId: order.id, kind: 'signed_form', file: scan });
      act({ workOrderId: order.id, kind: 'sign-off', body: { ...common, signedFormClientId } });
    } catch {
      message.error(t('workOrders.photoFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field-sign-off" data-testid="field-sign-off">
      <Typography.Title level={5}>{t('workOrders.signOff')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('workOrders.signOffHelp')}</Typography.Paragraph>
      <Form<SignOffValues> layout="vertical" onFinish={submit}>
        <Form.Item
          name="signerName"
          label={t('workOrders.signerName')}
          rules={[{ required: true, whitespace: true, message: t('workOrders.signerRequired') }]}
        >
          <Input maxLength={100} data-testid="field-signer" />
        </Form.Item>
        <Form.Item name="signerTitle" label={t('workOrders.signerTitle')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="rating" label={t('workOrders.rating')}>
          <Radio.Group optionType="button" options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))} />
        </Form.Item>
        <Form.Item name="remark" label={t('workOrders.remark')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('workOrders.signWith')}>
          <Radio.Group
            optionType="button"
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            data-testid="field-sign-method"
            options={[
              { value: 'drawn', label: t('workOrders.signDrawn') },
              { value: 'scanned', label: t('workOrders.signScanned') },
            ]}
          />
        </Form.Item>
        {method === 'drawn' ? (
          <Form.Item label={t('workOrders.signHere')} required>
            <SignaturePad onChange={setSignature} />
          </Form.Item>
        ) : (
          <Form.Item
            label={t('workOrders.signScanned')}
            required
            extra={scan ? t('workOrders.scanChosen', { name: scan.name }) : t('workOrders.scanRequired')}
          >
            <ScanPicker onPick={setScan} />
          </Form.Item>
        )}
        <Button type="primary" size="large" block htmlType="submit" disabled={!isReady} loading={busy} data-testid="field-sign-submit">
          {t('workOrders.confirmSignOff')}
        </Button>
      </Form>
    </div>
  );
}

/** The signed paper form: a photo from the back camera, an image or a PDF from the phone. */
function ScanPicker({ onPick }: { onPick: (file: File | null) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*,application/pdf"
        hidden
        data-testid="field-scan-input"
        onChange={(e) => onPick(e.target.files?.[0] ?? null)}
      />
      <Button icon={<ScanOutlined aria-hidden />} onClick={() => input.current?.click()} data-testid="field-scan">
        {t('workOrders.scanForm')}
      </Button>
    </>
  );
}
