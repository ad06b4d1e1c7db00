import { z } from 'zod';
import { SEVERITIES, STATUSES } from '../../../domain/vocabulary.ts';

export const SearchQueryString = z.object({
  /** Chinese and/or English words, or a request number (SR-2026-000123). */
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.infer<typeof SearchQueryString>;

/** Text cut into runs; `isMatch` runs are what the query matched (render them highlighted). */
const Segments = z.array(z.object({ text: z.string(), isMatch: z.boolean() }));

export const SearchHit = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  status: z.enum(STATUSES),
  severity: z.enum(SEVERITIES),
  customerId: z.uuid(),
  customerName: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** ts_rank: title matches weigh most, then customer name, description/resolution, replies. */
  rank: z.number(),
  highlights: z.object({
    title: Segments,
    customerName: Segments,
    /** A window around the first match in the description, resolution or a public reply. */
    snippet: Segments.nullable(),
    snippetSource: z.enum(['description', 'resolution', 'reply']).nullable(),
  }),
});
export type SearchHitDto = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  items: z.array(SearchHit),
  /** How many matches were ranked; when `isCapped`, only the most recent ones were (refine the words). */
  ranked: z.number().int(),
  isCapped: z.boolean(),
});
