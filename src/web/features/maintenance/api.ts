import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssessmentBody,
  AssessmentListResponse,
  ChecklistBody,
  ChecklistResponse,
  DueQuery,
  ProblemBody,
  ProfileBody,
  ProfileResponse,
  ReplanBody,
  ResultsBody,
  RoundDetailResponse,
  RoundListResponse,
  SignBody,
  SkipBody,
} from '../../../server/features/maintenance/maintenance.schema.ts';
import { API_BASE, api, apiRequest } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';

export type RoundList = Json<z.infer<typeof RoundListResponse>>;
export type Round = RoundList['items'][number];
export type RoundDetail = Json<z.infer<typeof RoundDetailResponse>>;
export type ReplanInput = z.input<typeof ReplanBody>;
export type ResultsInput = z.input<typeof ResultsBody>;
export type ProblemInput = z.input<typeof ProblemBody>;
export type SignInput = z.input<typeof SignBody>;
export type SkipInput = z.input<typeof SkipBody>;
export type Assessment = Json<z.infer<typeof AssessmentListResponse>>['items'][number];
export type AssessmentInput = z.input<typeof AssessmentBody>;
export type Checklist = Json<z.infer<typeof ChecklistResponse>>;
export type ChecklistInput = z.input<typeof ChecklistBody>;
export { SKIP_REASONS } from '../../../domain/maintenance/schedule.ts';
export type Profile = Json<z.infer<typeof ProfileResponse>>;
export type ProfileInput = z.input<typeof ProfileBody>;
export type DueFilter = { due: z.input<typeof DueQuery>['due']; days?: number };

export const maintenanceKeys = {
  all: ['maintenance'] as const,
  ofCustomer: (customerId: string, year: number) => [...maintenanceKeys.all, 'customer', customerId, year] as const,
  due: (filter: DueFilter) => [...maintenanceKeys.all, 'due', filter] as const,
  round: (id: string) => [...maintenanceKeys.all, 'round', id] as const,
  profile: (customerId: string) => [...maintenanceKeys.all, 'profile', customerId] as const,
  assessments: (customerId: string) => [...maintenanceKeys.all, 'assessments', customerId] as const,
  checklist: () => [...maintenanceKeys.all, 'checklist'] as const,
};

export const assessmentReportUrl = (id: string, lang?: string) =>
  `${API_BASE}/system-assessments/${id}/report.pdf${lang ? `?lang=${lang}` : ''}`;

export const roundReportUrl = (id: string, lang?: string) =>
  `${API_BASE}/maintenance-rounds/${id}/report.pdf${lang ? `?lang=${lang}` : ''}`;

export function useCustomerRounds(customerId: string, year: number) {
  return useQuery({
    queryKey: maintenanceKeys.ofCustomer(customerId, year),
    queryFn: ({ signal }) => api.get<RoundList>(`/customers/${customerId}/maintenance-rounds`, { year }, signal),
    select: (data) => data.items,
  });
}

export function useDueRounds(filter: DueFilter) {
  return useQuery({
    queryKey: maintenanceKeys.due(filter),
    queryFn: ({ signal }) => api.get<RoundList>('/maintenance-rounds', filter, signal),
    select: (data) => data.items,
  });
}

export function useRound(id: string) {
  return useQuery({
    queryKey: maintenanceKeys.round(id),
    queryFn: ({ signal }) => api.get<RoundDetail>(`/maintenance-rounds/${id}`, undefined, signal),
  });
}

function useRoundMutation<T>(request: (input: T) => Promise<RoundDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (round) => {
      queryClient.setQueryData(maintenanceKeys.round(round.id), round);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: maintenanceKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
      ]);
    },
  });
}

export const useReplanRound = (id: string) =>
  useRoundMutation((input: ReplanInput) => api.patch<RoundDetail>(`/maintenance-rounds/${id}`, input));
export const useStartRound = (id: string) => useRoundMutation(() => api.post<RoundDetail>(`/maintenance-rounds/${id}/start`, {}));
export const useRecordResults = (id: string) =>
  useRoundMutation((input: ResultsInput) => apiRequest<RoundDetail>(`/maintenance-rounds/${id}/results`, { method: 'PUT', body: input }));
export const useReportProblem = (id: string) =>
  useRoundMutation((input: ProblemInput) => api.post<RoundDetail>(`/maintenance-rounds/${id}/problems`, input));
export const useSignRound = (id: string) =>
  useRoundMutation((input: SignInput) => api.post<RoundDetail>(`/maintenance-rounds/${id}/sign`, input));

export const useSkipRound = (id: string) =>
  useRoundMutation((input: SkipInput) => api.post<RoundDetail>(`/maintenance-rounds/${id}/skip`, input));

/** Arrival and departure of the round's visit: the work order's own steps (the field page offers them too). */
export function useWorkOrderStep(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ workOrderId, step }: { workOrderId: string; step: 'check-in' | 'check-out' }) =>
      api.post<unknown>(`/work-orders/${workOrderId}/${step}`, {}),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: maintenanceKeys.round(roundId) }),
        queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
      ]),
  });
}

export function useMaintenanceProfile(customerId: string) {
  return useQuery({
    queryKey: maintenanceKeys.profile(customerId),
    queryFn: ({ signal }) => api.get<Profile>(`/customers/${customerId}/maintenance-profile`, undefined, signal),
  });
}

/** Key-customer flag and the backup-and-recovery plan; the rounds are re-planned on the profile's calendar. */
export function useUpdateMaintenanceProfile(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) =>
      apiRequest<Profile>(`/customers/${customerId}/maintenance-profile`, { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceKeys.all }),
  });
}

export function useAssessments(customerId: string) {
  return useQuery({
    queryKey: maintenanceKeys.assessments(customerId),
    queryFn: ({ signal }) => api.get<{ items: Assessment[] }>(`/customers/${customerId}/system-assessments`, undefined, signal),
    select: (data) => data.items,
  });
}

/** The system operation assessment (000 G): its PDF is filed in the customer's archive too. */
export function useCreateAssessment(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssessmentInput) => api.post<Assessment>(`/customers/${customerId}/system-assessments`, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: maintenanceKeys.assessments(customerId) }),
        queryClient.invalidateQueries({ queryKey: ['archive'] }),
      ]),
  });
}

/** Every version of the checklists A/B/C, newest first. */
export function useChecklistVersions(enabled = true) {
  return useQuery({
    queryKey: maintenanceKeys.checklist(),
    queryFn: ({ signal }) => api.get<{ items: Checklist[] }>('/maintenance-checklists', undefined, signal),
    select: (data) => data.items,
    enabled,
  });
}

/** Admins: a new version of the checklists (rounds already started keep theirs). */
export function useCreateChecklistVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChecklistInput) => api.post<Checklist>('/maintenance-checklists', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceKeys.checklist() }),
  });
}
