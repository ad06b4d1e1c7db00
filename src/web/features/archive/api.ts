import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DocumentKind, HandoverItem } from '../../../domain/contracts/vocabulary.ts';
import type {
  ConfigItemBody,
  ConfigItemResponse,
  DocumentResponse,
  HandoverBody,
  ModuleBody,
  ModuleResponse,
  ProfileBody,
  ProfileResponse,
  ProjectBody,
  ProjectResponse,
  TimelineResponse,
  UpdateModuleBody,
} from '../../../server/features/archive/archive.schema.ts';
import { api, apiRequest, apiUpload } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';

export type ArchiveProfile = Json<z.infer<typeof ProfileResponse>>;
export type ArchiveModule = Json<z.infer<typeof ModuleResponse>>;
export type ConfigItem = Json<z.infer<typeof ConfigItemResponse>>;
export type Project = Json<z.infer<typeof ProjectResponse>>;
export type ArchiveDocument = Json<z.infer<typeof DocumentResponse>>;
export type TimelineItem = Json<z.infer<typeof TimelineResponse>>['items'][number];

export type ProfileInput = z.input<typeof ProfileBody>;
export type ModuleInput = z.input<typeof ModuleBody>;
export type UpdateModuleInput = z.input<typeof UpdateModuleBody>;
export type ConfigItemInput = z.input<typeof ConfigItemBody>;
export type ProjectInput = z.input<typeof ProjectBody>;
export type HandoverInput = z.input<typeof HandoverBody>;

export const archiveKeys = {
  all: ['archive'] as const,
  customer: (customerId: string) => [...archiveKeys.all, customerId] as const,
  profile: (customerId: string) => [...archiveKeys.customer(customerId), 'profile'] as const,
  modules: (customerId: string) => [...archiveKeys.customer(customerId), 'modules'] as const,
  configItems: (customerId: string) => [...archiveKeys.customer(customerId), 'configuration-items'] as const,
  project: (customerId: string) => [...archiveKeys.customer(customerId), 'project'] as const,
  documents: (customerId: string) => [...archiveKeys.customer(customerId), 'documents'] as const,
  timeline: (customerId: string) => [...archiveKeys.customer(customerId), 'timeline'] as const,
};

/** Everything in one customer's archive is refetched after any change to it (the timeline joins it all). */
function useRefreshArchive(customerId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: archiveKeys.customer(customerId) });
}

export function useProfile(customerId: string) {
  return useQuery({
    queryKey: archiveKeys.profile(customerId),
    queryFn: ({ signal }) => api.get<ArchiveProfile>(`/customers/${customerId}/profile`, undefined, signal),
  });
}

export function useUpdateProfile(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  return useMutation({
    mutationFn: (input: ProfileInput) => api.patch<ArchiveProfile>(`/customers/${customerId}/profile`, input),
    onSuccess: refresh,
  });
}

export function useModules(customerId: string) {
  return useQuery({
    queryKey: archiveKeys.modules(customerId),
    queryFn: ({ signal }) => api.get<{ items: ArchiveModule[] }>(`/customers/${customerId}/modules`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useAddModule(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ModuleInput) => api.post<ArchiveModule>(`/customers/${customerId}/modules`, input),
    // Acceptance dates change the entitlement.
    onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['contracts'] })]),
  });
}

export function useUpdateModule(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateModuleInput & { id: string }) => api.patch<ArchiveModule>(`/modules/${id}`, input),
    onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['contracts'] })]),
  });
}

export function useRemoveModule(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  return useMutation({ mutationFn: (id: string) => api.delete<void>(`/modules/${id}`), onSuccess: refresh });
}

export function useConfigItems(customerId: string) {
  return useQuery({
    queryKey: archiveKeys.configItems(customerId),
    queryFn: ({ signal }) => api.get<{ items: ConfigItem[] }>(`/customers/${customerId}/configuration-items`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useAddConfigItem(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  return useMutation({
    mutationFn: (input: ConfigItemInput) => api.post<ConfigItem>(`/customers/${customerId}/configuration-items`, input),
    onSuccess: refresh,
  });
}

export function useRemoveConfigItem(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  return useMutation({ mutationFn: (id: string) => api.delete<void>(`/configuration-items/${id}`), onSuccess: refresh });
}

export function useProject(customerId: string) {
  return useQuery({
    queryKey: archiveKeys.project(customerId),
    queryFn: ({ signal }) => api.get<Project>(`/customers/${customerId}/project`, undefined, signal),
  });
}

export function useUpdateProject(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectInput) => api.patch<Project>(`/customers/${customerId}/project`, input),
    onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['contracts'] })]),
  });
}

export function useSetHandover(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  return useMutation({
    mutationFn: ({ item, ...input }: HandoverInput & { item: HandoverItem }) =>
      apiRequest<Project>(`/customers/${customerId}/handover/${item}`, { method: 'PUT', body: input }),
    onSuccess: refresh,
  });
}

export function useDocuments(customerId: string) {
  return useQuery({
    queryKey: archiveKeys.documents(customerId),
    queryFn: ({ signal }) => api.get<{ items: ArchiveDocument[] }>(`/customers/${customerId}/documents`, undefined, signal),
    select: (data) => data.items,
  });
}

export type UploadDocumentInput = { file: File; kind: DocumentKind; title?: string; internal?: boolean };

export function uploadDocument(customerId: string, { file, kind, title, internal }: UploadDocumentInput): Promise<ArchiveDocument> {
  const form = new FormData();
  // Fields before the file: the streaming multipart parser must see them first.
  form.append('kind', kind);
  if (title) form.append('title', title);
  if (internal) form.append('internal', 'true');
  form.append('file', file, file.name);
  return apiUpload<ArchiveDocument>(`/customers/${customerId}/documents`, form);
}

export function useUploadDocument(customerId: string) {
  const refresh = useRefreshArchive(customerId);
  return useMutation({ mutationFn: (input: UploadDocumentInput) => uploadDocument(customerId, input), onSuccess: refresh });
}

export function documentUrl(customerId: string, documentId: string): string {
  return `/api/v1/customers/${customerId}/documents/${documentId}`;
}

export function useTimeline(customerId: string) {
  return useQuery({
    queryKey: archiveKeys.timeline(customerId),
    queryFn: ({ signal }) => api.get<{ items: TimelineItem[] }>(`/customers/${customerId}/timeline`, undefined, signal),
    select: (data) => data.items,
  });
}
