import { KeyOutlined, RiseOutlined, ToolOutlined } from '@ant-design/icons';
import { Card, Collapse, type CollapseProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../api/types.ts';
import { useCan } from '../../components/session.tsx';
import { useEscalations, useRmas } from '../escalations/api.ts';
import { EscalationCard } from '../escalations/escalation-card.tsx';
import { RmaCard } from '../escalations/rma-card.tsx';
import { useGrants } from '../remote-access/api.ts';
import { RemoteAccessCard } from '../remote-access/remote-access-card.tsx';

type Section = { key: string; icon: ReactNode; title: string; count: number; isOpenByDefault: boolean; body: ReactNode };

/**
 * Staff: remote access, "escalate: cannot solve" and manufacturer repairs (RMA) in one card of collapsible
 * sections (issue 9). A section with records opens by itself, the escalation section too while the request is
 * unfinished (its button is the way up); an empty one stays folded to its title. The portal shows remote access
 * alone, as before.
 */
export function TicketToolsCard({ ticket, audience }: { ticket: TicketDetail; audience: 'staff' | 'customer' }) {
  const { t } = useTranslation();
  const can = useCan();
  const grants = useGrants(ticket.id);
  const escalations = useEscalations(ticket.id, audience === 'staff' && can('escalation.read'));
  const rmas = useRmas(ticket.id, audience === 'staff' && can('rma.read'));
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const isFinished = ['resolved', 'confirmed', 'closed', 'cancelled'].includes(ticket.status);
  const remoteAccess = <RemoteAccessCard ticketId={ticket.id} customerId={ticket.customerId} audience={audience} />;
  if (audience !== 'staff') return remoteAccess;

  const sections: Section[] = [];
  if (can('remote_access.read', { customerId: ticket.customerId })) {
    const count = grants.data?.items.length ?? 0;
    sections.push({
      key: 'remote-access',
      icon: <KeyOutlined aria-hidden />,
      title: t('remoteAccess.title'),
      count,
      isOpenByDefault: count > 0,
      body: remoteAccess,
    });
  }
  if (can('escalation.read')) {
    const count = escalations.data?.items.length ?? 0;
    sections.push({
      key: 'escalation',
      icon: <RiseOutlined aria-hidden />,
      title: t('escalations.title'),
      count,
      isOpenByDefault: count > 0 || (!isFinished && can('escalation.create')),
      body: <EscalationCard ticketId={ticket.id} isFinished={isFinished} />,
    });
  }
  if (can('rma.read')) {
    const count = rmas.data?.items.length ?? 0;
    sections.push({
      key: 'rma',
      icon: <ToolOutlined aria-hidden />,
      title: t('rma.title'),
      count,
      isOpenByDefault: count > 0,
      body: <RmaCard ticketId={ticket.id} />,
    });
  }
  if (sections.length === 0) return null;

  const activeKey = sections.filter((s) => toggled[s.key] ?? s.isOpenByDefault).map((s) => s.key);
  const items: CollapseProps['items'] = sections.map((s) => ({
    key: s.key,
    label: (
      <span className="ticket-tools-label" data-testid={`tools-section-${s.key}`}>
        {s.icon} {s.title}
        {s.count > 0 && <span className="card-count">{s.count}</span>}
      </span>
    ),
    children: s.body,
  }));
  return (
    <Card size="small" title={t('detail.tools')} className="ticket-tools-card" data-testid="ticket-tools">
      <Collapse
        ghost
        size="small"
        items={items}
        activeKey={activeKey}
        onChange={(keys) => {
          const open = new Set(Array.isArray(keys) ? keys : [keys]);
          setToggled(Object.fromEntries(sections.map((s) => [s.key, open.has(s.key)])));
        }}
      />
    </Card>
  );
}
