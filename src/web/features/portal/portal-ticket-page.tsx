import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { SurveyCard } from '../service-quality/survey-card.tsx';
import { TicketDetailView } from '../tickets/ticket-detail.tsx';

export function PortalTicketPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <>
      <TicketDetailView key={id} id={id} audience="customer" backTo="/portal" backLabel={t('nav.myRequests')} />
      <div style={{ marginTop: 16 }}>
        <SurveyCard ticketId={id} />
      </div>
    </>
  );
}
