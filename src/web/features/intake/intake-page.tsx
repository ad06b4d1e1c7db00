import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { TicketForm } from '../tickets/ticket-form.tsx';

/** 电话受理: an agent fills this in while the hospital is on the line. */
export function IntakePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <div className="page page-intake">
      <PageHeader title={t('intake.title')} subtitle={t('intake.subtitle')} />
      <TicketForm mode="intake" initialCustomerId={params.get('customerId') ?? undefined} hrefFor={(id) => `/tickets/${id}`} />
    </div>
  );
}
