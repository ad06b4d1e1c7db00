import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Empty, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { AppNotification } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useVocab } from '../../components/vocab.tsx';
import { escalationLevelName } from '../../lib/sla.ts';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './api.ts';
import './notifications.css';

function useNotificationText() {
  const { t } = useTranslation();
  const { label } = useVocab();
  return (n: AppNotification): string => {
    const metric = typeof n.data.metric === 'string' ? label('slaMetric', n.data.metric) : '';
    switch (n.kind) {
      case 'critical_request':
        return t('notifications.text.critical_request');
      case 'sla_warning':
        return t('notifications.text.sla_warning', { metric });
      case 'sla_breached':
        return t('notifications.text.sla_breached', { metric });
      case 'escalated': {
        const level = typeof n.data.levelName === 'string' ? n.data.levelName : escalationLevelName(Number(n.data.level ?? 0));
        return t('notifications.text.escalated', { level: label('escalationLevelFull', level) });
      }
      case 'incident_stage':
        return t('notifications.text.incident_stage', { stage: t(`emergency.stageNames.${n.data.stage === '3h' ? '3h' : '15m'}`) });
      case 'corrective_action_due':
        return t('notifications.text.corrective_action_due', { description: String(n.data.description ?? '') });
      case 'drill_due':
        return t('notifications.text.drill_due', { customer: String(n.data.customerName ?? '') });
      case 'maintenance_overdue':
        return t('notifications.text.maintenance_overdue', { customer: String(n.data.customerName ?? '') });
      case 'emergency_training_due':
        return t('notifications.text.emergency_training_due', {
          customer: String(n.data.customerName ?? ''),
          quarter: String(n.data.quarter ?? ''),
        });
      case 'password_change_reminder':
        return t('notifications.text.password_change_reminder');
      case 'cannot_solve_escalated':
        return t('notifications.text.cannot_solve_escalated');
      default:
        return t('notifications.text.other');
    }
  };
}

/** The header bell: unread count, the latest notifications, mark one or all read; the live stream refreshes it. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const text = useNotificationText();
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  const panel = (
    <div className="notif-panel" data-testid="notification-panel">
      <div className="notif-head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <div className="notif-list">
        {list.isPending ? (
          <Spin className="notif-spin" />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          items.map((n) => (
            <button
              key={n.id}
              type="button"
              className={`notif-item ${n.readAt ? '' : 'notif-unread'}`}
              data-testid={`notification-${n.id}`}
              onClick={() => {
                if (!n.readAt) markRead.mutate(n.id);
                setOpen(false);
                if (n.ticketId) navigate(`/tickets/${n.ticketId}`);
              }}
            >
              <span className={`notif-dot notif-kind-${n.kind}`} />
              <span className="notif-body">
                <span className="notif-text">{text(n)}</span>
                {n.ticketNumber && (
                  <span className="notif-ticket">
                    {n.ticketNumber} · {n.ticketTitle}
                  </span>
                )}
                <span className="notif-time">
                  <DateTime value={n.createdAt} relative />
                </span>
              </span>
            </button>
          ))
        )}
      </div>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel} placement="bottomRight">
      <Button type="text" data-testid="notification-bell" className="notif-bell">
        {/* The name is this text, not an aria-label: the badge's animated digits are not read out. */}
        <span className="sr-only">{t('notifications.bell', { unread: String(unread) })}</span>
        <span aria-hidden>
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined className="notif-bell-icon" />
          </Badge>
        </span>
      </Button>
    </Dropdown>
  );
}
