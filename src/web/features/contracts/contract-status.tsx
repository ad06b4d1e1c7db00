import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysBetween, localDateOf } from '../../../domain/contracts/local-date.ts';
import { useTimeZone } from '../../components/session.tsx';
import type { ServiceContract } from './api.ts';

export type ContractState = 'active' | 'expiring' | 'expired' | 'future' | 'renewed';

/** Today's calendar date in the user's zone (contracts start and end on dates, not instants). */
export function useToday(): string {
  return localDateOf(new Date(), useTimeZone());
}

/** Days before the end at which a contract counts as "expiring" (the first renewal reminder). */
export const EXPIRING_DAYS = 60;

export function contractState(contract: Pick<ServiceContract, 'startDate' | 'endDate' | 'renewedById'>, today: string): ContractState {
  if (contract.endDate < today) return contract.renewedById ? 'renewed' : 'expired';
  if (contract.startDate > today) return 'future';
  if (contract.renewedById) return 'renewed';
  return daysBetween(today, contract.endDate) <= EXPIRING_DAYS ? 'expiring' : 'active';
}

export function visitsLeftOf(contract: Pick<ServiceContract, 'visitQuota' | 'visitsUsed'>): number | null {
  return contract.visitQuota === null ? null : Math.max(0, contract.visitQuota - contract.visitsUsed);
}

const STATE_COLOR: Record<ContractState, string> = {
  active: 'success',
  expiring: 'warning',
  expired: 'error',
  future: 'processing',
  renewed: 'default',
};

export function ContractStateTag({ contract, today }: { contract: ServiceContract; today: string }) {
  const { t } = useTranslation();
  const state = contractState(contract, today);
  const days = daysBetween(today, contract.endDate);
  return (
    <Tag color={STATE_COLOR[state]} data-state={state} className="nowrap">
      {state === 'expiring' ? t('contracts.service.daysLeft', { count: days }) : t(`contracts.service.states.${state}`)}
    </Tag>
  );
}

/** "8 / 10" or "不限": visits left of the yearly quota. */
export function VisitsLeft({ contract }: { contract: ServiceContract }) {
  const { t } = useTranslation();
  const left = visitsLeftOf(contract);
  if (left === null) return <span data-testid="visits-left">{t('contracts.service.unlimited')}</span>;
  return (
    <span className="tabular" data-testid="visits-left">
      <Tag color={left === 0 ? 'red' : left <= 2 ? 'orange' : 'blue'} className="nowrap">
        {t('contracts.service.leftOf', { left, quota: contract.visitQuota ?? '' })}
      </Tag>
    </span>
  );
}
