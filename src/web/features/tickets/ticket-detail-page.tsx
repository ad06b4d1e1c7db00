import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { lastQueueHref } from './queue-page.tsx';
import { TicketDetailView } from './ticket-detail.tsx';

export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return <TicketDetailView key={id} id={id} audience="staff" backTo={lastQueueHref()} backLabel={t('nav.queue')} />;
}
