import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { TicketForm } from '../tickets/ticket-form.tsx';

export function PortalNewRequestPage() {
  const { t } = useTranslation();
  return (
    <div className="page page-narrow">
      <PageHeader title={t('portal.newTitle')} subtitle={t('portal.newSubtitle')} />
      <TicketForm mode="portal" hrefFor={(id) => `/portal/requests/${id}`} />
    </div>
  );
}
