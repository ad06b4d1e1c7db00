import { keepPreviousData, type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CustomerReturnVisitsResponse,
  DueResponse,
  MeetingBody,
  MeetingListResponse,
  RecordBody,
  RecordResponse,
  ScheduleBody,
} from '../../../server/features/return-visits/return-visits.schema.ts';
import type {
  AnswerBody,
  CustomerSurveysResponse,
  IssueLinkBody,
  PublicSurveyResponse,
  SummaryResponse,
  SurveyLinkResponse,
  SurveyResponse,
  SurveyScheduleBody,
  TicketSurveyResponse,
} from '../../../server/features/surveys/surveys.schema.ts';
import type {
  CertificationBody,
  CertificationListResponse,
  RetrainingResponse,
  SheetBody,
  TrainingBody,
  TrainingListResponse,
  TrainingResponse,
} from '../../../server/features/trainings/trainings.schema.ts';
import { api } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';
import { contractKeys, useRetrainingStatus } from '../contracts/api.ts';

export type TicketSurvey = Json<z.infer<typeof TicketSurveyResponse>>;
export type PublicSurvey = Json<z.infer<typeof PublicSurveyResponse>>;
export type SurveySummary = Json<z.infer<typeof SummaryResponse>>;
export type DueList = Json<z.infer<typeof DueResponse>>;
export type DueItem = DueList['items'][number];
export type CustomerReturnVisits = Json<z.infer<typeof CustomerReturnVisitsResponse>>;
export type MeetingList = Json<z.infer<typeof MeetingListResponse>>;
export type TrainingList = Json<z.infer<typeof TrainingListResponse>>;
export type Retraining = Json<z.infer<typeof RetrainingResponse>>;
export type CertificationList = Json<z.infer<typeof CertificationListResponse>>;
export type AnswerInput = z.input<typeof AnswerBody>;
export type RecordInput = z.input<typeof RecordBody>;
export type MeetingInput = z.input<typeof MeetingBody>;
export type ScheduleInput = z.input<typeof ScheduleBody>;
export type TrainingInput = z.input<typeof TrainingBody>;
export type Training = Json<z.infer<typeof TrainingResponse>>;
export type SheetInput = z.input<typeof SheetBody>;
export type CertificationInput = z.input<typeof CertificationBody>;
export type CustomerSurveys = Json<z.infer<typeof CustomerSurveysResponse>>;
export type SurveyScheduleInput = z.input<typeof SurveyScheduleBody>;
export type IssueLinkInput = z.input<typeof IssueLinkBody>;
export type SurveyLink = Json<z.infer<typeof SurveyLinkResponse>>;

export const serviceQualityKeys = {
  all: ['service-quality'] as const,
  ticketSurvey: (ticketId: string) => [...serviceQualityKeys.all, 'survey', ticketId] as const,
  publicSurvey: (token: string) => [...serviceQualityKeys.all, 'public-survey', token] as const,
  summary: (from: string, to: string) => [...serviceQualityKeys.all, 'summary', from, to] as const,
  due: (date: string) => [...serviceQualityKeys.all, 'due', date] as const,
  customer: (customerId: string) => [...serviceQualityKeys.all, 'customer', customerId] as const,
  returnVisits: (customerId: string) => [...serviceQualityKeys.customer(customerId), 'return-visits'] as const,
  meetings: (customerId: string) => [...serviceQualityKeys.customer(customerId), 'meetings'] as const,
  trainings: (customerId: string) => [...serviceQualityKeys.customer(customerId), 'trainings'] as const,
  certifications: (customerId: string) => [...serviceQualityKeys.customer(customerId), 'certifications'] as const,
  surveys: (customerId: string) => [...serviceQualityKeys.customer(customerId), 'surveys'] as const,
};

/** A write on one customer's service record: every query of that customer refetches (and the call list). */
function useCustomerMutation<I, R>(customerId: string, mutationFn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: serviceQualityKeys.customer(customerId) }),
        queryClient.invalidateQueries({ queryKey: [...serviceQualityKeys.all, 'due'] }),
        queryClient.invalidateQueries({ queryKey: contractKeys.customer(customerId) }),
      ]),
  });
}

export const useCreateMeeting = (customerId: string) =>
  useCustomerMutation(customerId, (input: MeetingInput) => api.post(`/customers/${customerId}/user-meetings`, input));
export const useSetReturnVisitSchedule = (customerId: string) =>
  useCustomerMutation(customerId, ({ kind, ...input }: ScheduleInput & { kind: 'phone' | 'inspection' }) =>
    api.put(`/customers/${customerId}/return-visit-schedules/${kind}`, input),
  );
export const useCreateTraining = (customerId: string) =>
  useCustomerMutation(customerId, (input: TrainingInput) => api.post<Training>(`/customers/${customerId}/trainings`, input));
export const useSignSheet = (customerId: string) =>
  useCustomerMutation(customerId, ({ trainingId, ...input }: SheetInput & { trainingId: string }) =>
    api.post<Training>(`/trainings/${trainingId}/sheet`, input),
  );
export const useCreateCertification = (customerId: string) =>
  useCustomerMutation(customerId, (input: CertificationInput) => api.post(`/customers/${customerId}/certifications`, input));
export const useSetSurveySchedule = (customerId: string) =>
  useCustomerMutation(customerId, (input: SurveyScheduleInput) => api.put(`/customers/${customerId}/survey-schedule`, input));

export function useCustomerSurveys(customerId: string, enabled = true) {
  return useQuery({
    queryKey: serviceQualityKeys.surveys(customerId),
    queryFn: ({ signal }) => api.get<CustomerSurveys>(`/customers/${customerId}/surveys`, undefined, signal),
    enabled,
  });
}

export function useIssueSurveyLink(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueLinkInput) => api.post<SurveyLink>(`/tickets/${ticketId}/survey-link`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceQualityKeys.ticketSurvey(ticketId) }),
  });
}

export function useTicketSurvey(ticketId: string, enabled = true) {
  return useQuery({
    queryKey: serviceQualityKeys.ticketSurvey(ticketId),
    queryFn: ({ signal }) => api.get<TicketSurvey>(`/tickets/${ticketId}/survey`, undefined, signal),
    enabled,
  });
}

export function useAnswerSurvey(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AnswerInput) => api.post<Json<z.infer<typeof SurveyResponse>>>(`/tickets/${ticketId}/survey`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceQualityKeys.ticketSurvey(ticketId) }),
  });
}

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: serviceQualityKeys.publicSurvey(token),
    queryFn: ({ signal }) => api.get<PublicSurvey>(`/surveys/${encodeURIComponent(token)}`, undefined, signal),
    retry: false,
  });
}

export function useAnswerPublicSurvey(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AnswerInput) => api.post(`/surveys/${encodeURIComponent(token)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceQualityKeys.publicSurvey(token) }),
  });
}

export function useSurveySummary(from: string, to: string) {
  return useQuery({
    queryKey: serviceQualityKeys.summary(from, to),
    queryFn: ({ signal }) => api.get<SurveySummary>('/surveys/summary', { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDueReturnVisits(date: string) {
  return useQuery({
    queryKey: serviceQualityKeys.due(date),
    queryFn: ({ signal }) => api.get<DueList>('/return-visits/due', { date }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRecordReturnVisit(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordInput) => api.post<Json<z.infer<typeof RecordResponse>>>(`/customers/${customerId}/return-visits`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceQualityKeys.all }),
  });
}

export function useCustomerReturnVisits(customerId: string) {
  return useQuery({
    queryKey: serviceQualityKeys.returnVisits(customerId),
    queryFn: ({ signal }) => api.get<CustomerReturnVisits>(`/customers/${customerId}/return-visits`, undefined, signal),
  });
}

export function useMeetings(customerId: string) {
  return useQuery({
    queryKey: serviceQualityKeys.meetings(customerId),
    queryFn: ({ signal }) => api.get<MeetingList>(`/customers/${customerId}/user-meetings`, undefined, signal),
  });
}

export function useTrainings(customerId: string) {
  return useQuery({
    queryKey: serviceQualityKeys.trainings(customerId),
    queryFn: ({ signal }) => api.get<TrainingList>(`/customers/${customerId}/trainings`, undefined, signal),
  });
}

/**
 * The retraining status is the contracts' query (the customer page's header and the request show it too):
 * one key, so it is loaded once and a training refreshes every copy (src/web/api/query-keys.test.ts).
 */
export const useRetraining: (customerId: string) => UseQueryResult<Retraining> = useRetrainingStatus;

export function useCertifications(customerId: string) {
  return useQuery({
    queryKey: serviceQualityKeys.certifications(customerId),
    queryFn: ({ signal }) => api.get<CertificationList>(`/customers/${customerId}/certifications`, undefined, signal),
  });
}

export const sheetScanUrl = (trainingId: string) => `/api/v1/trainings/${trainingId}/scan`;
export const signInSheetPdfUrl = (trainingId: string, lang: string) => `/api/v1/trainings/${trainingId}/sign-in-sheet.pdf?lang=${lang}`;

type PeriodicSurvey = Json<z.infer<typeof SurveyResponse>>;

/** The portal: the organisation's periodic surveys still to answer. */
export function usePendingSurveys(customerId: string | null) {
  return useQuery({
    queryKey: [...serviceQualityKeys.customer(customerId ?? ''), 'pending-surveys'] as const,
    queryFn: ({ signal }) => api.get<{ items: PeriodicSurvey[] }>(`/customers/${customerId}/pending-surveys`, undefined, signal),
    enabled: Boolean(customerId),
    select: (data) => data.items,
  });
}

export function useAnswerPeriodicSurvey(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: AnswerInput & { id: string }) => api.post<PeriodicSurvey>(`/periodic-surveys/${id}/answer`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: serviceQualityKeys.customer(customerId) }),
  });
}
