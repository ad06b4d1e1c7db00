import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Severity, Status } from '../../domain/vocabulary.ts';

/** Vocabulary groups with labels under `vocab.<group>.<value>` in both languages. */
export type VocabGroup =
  | 'status'
  | 'severity'
  | 'severityHint'
  | 'channel'
  | 'kind'
  | 'stage'
  | 'contentCategory'
  | 'causeCategory'
  | 'serviceClass'
  | 'handlingApproach'
  | 'team'
  | 'contactRole'
  | 'role'
  | 'customerKind'
  | 'slaMetric'
  | 'slaMetricShort'
  | 'slaState'
  | 'escalationLevel'
  | 'escalationLevelFull'
  | 'distanceClass'
  | 'distanceClassHint'
  | 'notificationKind';

export function useVocab() {
  const { t } = useTranslation();
  const label = (group: VocabGroup, value: string | null | undefined): string =>
    value ? t(`vocab.${group}.${value}` as 'vocab.status.new', { defaultValue: value }) : t('common.none');
  const options = <V extends string>(group: VocabGroup, values: readonly V[]) =>
    values.map((value) => ({ value, label: label(group, value) }));
  return { label, options };
}

const SEVERITY_COLOR: Record<Severity, string> = { critical: 'red', urgent: 'orange', normal: 'blue' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const { label } = useVocab();
  return (
    <Tag color={SEVERITY_COLOR[severity]} variant="solid" className="severity-tag" data-severity={severity}>
      {label('severity', severity)}
    </Tag>
  );
}

const STATUS_COLOR: Record<Status, string> = {
  new: 'magenta',
  acknowledged: 'geekblue',
  in_progress: 'processing',
  waiting_on_customer: 'warning',
  resolved: 'success',
  confirmed: 'cyan',
  closed: 'default',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: Status }) {
  const { label } = useVocab();
  return (
    <Tag
      color={STATUS_COLOR[status]}
      variant="outlined"
      data-status={status}
      className={status === 'cancelled' ? 'status-cancelled' : undefined}
    >
      {label('status', status)}
    </Tag>
  );
}
