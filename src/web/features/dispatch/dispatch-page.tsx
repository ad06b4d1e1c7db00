import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Space, Spin, Tag, Typography } from 'antd';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { addDays } from '../../../domain/contracts/local-date.ts';
import { plannedOn } from '../../../domain/field/dispatch.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { errorMessage } from '../../lib/errors.ts';
import { type BoardOrder, type DispatchBoard, useAssignWorkOrder, useDispatchBoard } from './api.ts';
import './dispatch.css';

const DRAG_TYPE = 'application/x-aftersales-work-order';

/** What is being moved: the order and the engineer row it was taken from (null: the unassigned list). */
type Picked = { order: BoardOrder; fromEngineerId: string | null };

function formatTime(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

function formatDue(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function formatDay(date: string) {
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: 'UTC', weekday: 'short', month: 'numeric', day: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

function OrderChip({
  order,
  timeZone,
  fromEngineerId,
  picked,
  onPick,
  onDragPick,
}: {
  order: BoardOrder;
  timeZone: string;
  fromEngineerId: string | null;
  picked: Picked | null;
  onPick: (p: Picked | null) => void;
  /** Remembers the dragged order without re-rendering (a layout change would move the drop targets). */
  onDragPick: (p: Picked) => void;
}) {
  const { t } = useTranslation();
  const movable = order.status === 'planned';
  const isPicked = picked?.order.id === order.id && picked.fromEngineerId === fromEngineerId;
  const late =
    order.onSiteState === 'breached' ||
    (order.onSiteState === 'running' && order.onSiteDueAt !== null && new Date(order.onSiteDueAt) < new Date());
  return (
    // biome-ignore lint/a11y/useSemanticElements: a draggable card that holds a link; a <button> cannot contain one
    <div
      className={`dispatch-chip${isPicked ? ' dispatch-chip-picked' : ''}${movable ? '' : ' dispatch-chip-fixed'}`}
      draggable={movable}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, order.id);
        event.dataTransfer.effectAllowed = 'move';
        onDragPick({ order, fromEngineerId });
      }}
      onClick={(event) => {
        event.stopPropagation();
        if (movable) onPick(isPicked ? null : { order, fromEngineerId });
      }}
      onKeyDown={(event) => {
        if (movable && (event.key === 'Enter' || event.key === ' ')) {
          event.preventDefault();
          event.stopPropagation();
          onPick(isPicked ? null : { order, fromEngineerId });
        }
      }}
      role="button"
      tabIndex={0}
      aria-pressed={isPicked}
      data-testid={`dispatch-chip-${order.number}`}
    >
      <div className="dispatch-chip-head">
        <Typography.Text strong>{formatTime(order.plannedAt, timeZone)}</Typography.Text>
        <Link to={`/tickets/${order.ticketId}`} onClick={(event) => event.stopPropagation()}>
          {order.number}
        </Link>
      </div>
      <div className="dispatch-chip-customer">{order.customerName}</div>
      <Space size={4} wrap>
        <Tag>{t(`workOrders.type.${order.type}`)}</Tag>
        {!movable && <Tag>{t(`workOrders.status.${order.status}`)}</Tag>}
        {order.onSiteDueAt && order.onSiteState === 'running' && (
          <Tag color={late ? 'red' : 'orange'} data-testid="dispatch-due">
            {t('dispatch.due', { at: formatDue(order.onSiteDueAt, timeZone) })}
          </Tag>
        )}
        {order.onSiteState === 'breached' && <Tag color="red">{t('dispatch.breached')}</Tag>}
      </Space>
    </div>
  );
}

function BoardGrid({
  board,
  picked,
  onPick,
  onDragPick,
  onDrop,
}: {
  board: DispatchBoard;
  picked: Picked | null;
  onPick: (p: Picked | null) => void;
  onDragPick: (p: Picked) => void;
  onDrop: (engineerId: string, date: string, how: 'drag' | 'tap') => void;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  return (
    <div className="dispatch-grid-scroll">
      <div
        className="dispatch-grid"
        style={{ gridTemplateColumns: `minmax(96px, 140px) repeat(${board.dates.length}, minmax(128px, 1fr))` }}
      >
        <div className="dispatch-corner">{t('dispatch.engineer')}</div>
        {board.dates.map((date) => (
          <div key={date} className="dispatch-day">
            {formatDay(date)}
          </div>
        ))}
        {board.engineers.map((engineer) => (
          <div key={engineer.id} className="dispatch-row">
            <div className="dispatch-engineer">{engineer.name}</div>
            {board.dates.map((date) => {
              const key = `${engineer.id}:${date}`;
              const orders = board.orders.filter((o) => o.date === date && o.engineerIds.includes(engineer.id));
              return (
                // biome-ignore lint/a11y/useSemanticElements: a drop target that holds the day's cards (themselves interactive)
                <div
                  key={date}
                  className={`dispatch-cell${over === key ? ' dispatch-cell-over' : ''}${picked ? ' dispatch-cell-target' : ''}`}
                  onDragOver={(event) => {
                    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    setOver(key);
                  }}
                  onDragLeave={() => setOver((current) => (current === key ? null : current))}
                  onDrop={(event) => {
                    event.preventDefault();
                    setOver(null);
                    onDrop(engineer.id, date, 'drag');
                  }}
                  onClick={() => picked && onDrop(engineer.id, date, 'tap')}
                  onKeyDown={(event) => {
                    if (picked && (event.key === 'Enter' || event.key === ' ')) {
                      event.preventDefault();
                      onDrop(engineer.id, date, 'tap');
                    }
                  }}
                  role="button"
                  tabIndex={picked ? 0 : -1}
                  aria-label={t('dispatch.cellLabel', { name: engineer.name, date })}
                  data-testid={`dispatch-cell-${engineer.name}-${date}`}
                >
                  {orders.map((order) => (
                    <OrderChip
                      key={order.id}
                      order={order}
                      timeZone={board.timeZone}
                      fromEngineerId={engineer.id}
                      picked={picked}
                      onPick={onPick}
                      onDragPick={onDragPick}
                    />
                  ))}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * The service centre's dispatch board (派工看板): engineers × a week, the unassigned orders aside. Drag
 * an order onto an engineer's day (or tap it, then tap the cell: touch screens) to assign or re-plan it;
 * it keeps its time of day. When another dispatcher moved it first the server answers 409 and the board
 * reloads.
 */
export function DispatchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [from, setFrom] = useState<string | undefined>(undefined);
  const board = useDispatchBoard(from);
  const assign = useAssignWorkOrder();
  const [picked, setPicked] = useState<Picked | null>(null);
  const dragged = useRef<Picked | null>(null);
  const onDragPick = (p: Picked) => {
    dragged.current = p;
  };
  const data = board.data;

  const drop = (engineerId: string, date: string, how: 'drag' | 'tap') => {
    const source = how === 'drag' ? dragged.current : picked;
    dragged.current = null;
    if (!source || !data) return;
    const { order, fromEngineerId } = source;
    setPicked(null);
    const others = order.engineerIds.filter((id) => id !== fromEngineerId && id !== engineerId);
    const plannedAt = plannedOn(date, new Date(order.plannedAt), data.timeZone).toISOString();
    if (fromEngineerId === engineerId && order.date === date) return;
    assign.mutate(
      { id: order.id, engineerIds: [engineerId, ...others], plannedAt, version: order.version },
      {
        onSuccess: () => message.success(t('dispatch.assigned', { number: order.number })),
        onError: (error) => message.error(isApiError(error, 'conflict') ? t('dispatch.conflict') : errorMessage(error, t)),
      },
    );
  };

  const shift = (days: number) => data && setFrom(addDays(data.from, days));
  const range = data ? `${data.dates[0]} – ${data.dates[data.dates.length - 1]}` : '';

  return (
    <div className="page dispatch-page">
      <PageHeader
        title={t('dispatch.title')}
        subtitle={range}
        testId="dispatch-title"
        extra={
          <Space wrap>
            <Button
              icon={<LeftOutlined aria-hidden />}
              onClick={() => shift(-7)}
              aria-label={t('dispatch.previous')}
              data-testid="dispatch-prev"
            />
            <Button onClick={() => setFrom(undefined)}>{t('dispatch.today')}</Button>
            <Button
              icon={<RightOutlined aria-hidden />}
              onClick={() => shift(7)}
              aria-label={t('dispatch.next')}
              data-testid="dispatch-next"
            />
          </Space>
        }
      />
      {board.isError && <Alert type="error" showIcon title={errorMessage(board.error, t)} />}
      {picked && (
        <Alert
          type="info"
          showIcon
          className="dispatch-hint"
          title={t('dispatch.pickedHint', { number: picked.order.number })}
          action={
            <Button size="small" onClick={() => setPicked(null)}>
              {t('common.cancel')}
            </Button>
          }
        />
      )}
      {!data ? (
        <Spin />
      ) : (
        <div className="dispatch-layout">
          <aside className="dispatch-side" aria-label={t('dispatch.unassigned')} data-testid="dispatch-unassigned">
            <Typography.Title level={5}>{t('dispatch.unassignedCount', { count: data.unassigned.length })}</Typography.Title>
            {data.unassigned.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dispatch.noneUnassigned')} />
            ) : (
              data.unassigned.map((order) => (
                <div key={order.id}>
                  <Typography.Text type="secondary" className="dispatch-side-date">
                    {order.date}
                  </Typography.Text>
                  <OrderChip
                    order={order}
                    timeZone={data.timeZone}
                    fromEngineerId={null}
                    picked={picked}
                    onPick={setPicked}
                    onDragPick={onDragPick}
                  />
                </div>
              ))
            )}
            <Typography.Paragraph type="secondary" className="dispatch-help">
              {t('dispatch.help')}
            </Typography.Paragraph>
          </aside>
          <BoardGrid board={data} picked={picked} onPick={setPicked} onDragPick={onDragPick} onDrop={drop} />
        </div>
      )}
    </div>
  );
}
