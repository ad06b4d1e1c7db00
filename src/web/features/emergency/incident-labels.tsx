import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepartmentKey } from '../../../domain/emergency/template.ts';
import type { IncidentSummary } from './api.ts';

// Small, shared by the portal's first screen and the incident pages: kept apart from the declare form
// (components.tsx), whose date picker and form would otherwise load with the portal's list.
const STATUS_COLOURS = { open: 'red', recovered: 'orange', closed: 'default' } as const;

export function IncidentStatusTag({ status, isDrill }: { status: IncidentSummary['status']; isDrill?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOURS[status]} data-testid="incident-status">
        {t(`emergency.statuses.${status}`)}
      </Tag>
      {isDrill && <Tag color="purple">{t('emergency.drill')}</Tag>}
    </Space>
  );
}

/** A bilingual text of the plan in the reader's language. */
export function useBilingual() {
  const { i18n } = useTranslation();
  return (text: { zh: string; en: string }) => (i18n.language === 'en' && text.en ? text.en : text.zh);
}

/**
 * A department's name in the reader's language: a default department (001 2.7) by its stable key, a custom one by
 * the name typed for it (its English name in English when one was given).
 */
export function useDepartmentName() {
  const { t } = useTranslation();
  const bilingual = useBilingual();
  return (d: { key?: DepartmentKey | null; name: string; nameEn?: string }) =>
    d.key ? t(`emergency.departmentNames.${d.key}`) : bilingual({ zh: d.name, en: d.nameEn ?? '' });
}
