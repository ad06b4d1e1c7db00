import { useTranslation } from 'react-i18next';
import { useStaffUsers } from '../users/api.ts';

/** A staff member's name from the cached staff list. */
export function OwnerName({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const staff = useStaffUsers();
  if (!id) return <span className="muted">{t('common.none')}</span>;
  return <span>{staff.data?.find((user) => user.id === id)?.name ?? '…'}</span>;
}
