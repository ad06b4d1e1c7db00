// One error vocabulary: every failure the API reports is an AppError with a code from this list.
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_transition: 409,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** An on-site visit beyond the contract's quota (or with no contract) needs a signed per-visit quote. */
  quote_required: 409,
  /** A spreadsheet import with bad rows: nothing was written; `details` lists every row and its reason. */
  import_invalid: 422,
  /** A secret (remote-access credentials) cannot be stored: AFTERSALES_SECRET_KEY is not configured. */
  secret_key_missing: 409,
  /** "Escalate: cannot solve" to R&D needs the product technical manager's reproduction test first. */
  reproduction_required: 409,
  payload_too_large: 413,
  /** The request line or headers past the HTTP parser's limit (answered before routing). */
  headers_too_large: 431,
  /** The client did not finish sending its request in time. */
  request_timeout: 408,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  /** A PDF needs a CJK font (AFTERSALES_PDF_FONT) and none is installed: answered instead of printing tofu. */
  pdf_font_unavailable: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** Structured detail for errors that need more than per-field messages (an import's row errors). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}
