import { z } from 'zod';

export const FeedFileParams = z.object({ file: z.string().max(200) }).strict();

export const FeedStateResponse = z.object({
  feed: z.object({ id: z.uuid(), createdAt: z.date() }).nullable(),
});

/** The secret URL, shown once when created or rotated (only its hash is stored). */
export const CreatedFeedResponse = z.object({ id: z.uuid(), createdAt: z.date(), token: z.string(), url: z.string() });
