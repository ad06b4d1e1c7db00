import type { FastifyServerOptions } from 'fastify';

/**
 * What never reaches a log line: credentials in headers and bodies, and hashes. Pino censors these paths
 * wherever a log call passes such objects (one level deep for the wildcards).
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  '*.tokenHash',
  '*.sessionToken',
  '*.csrfToken',
  '*.hash',
  // Remote-access credentials (features/remote-access) and their ciphertext.
  '*.secret',
  '*.secretCiphertext',
  '*.cookie',
  '*.authorization',
  '*.params',
];

const SQLSTATE = /^[0-9A-Z]{5}$/;
type DatabaseErrorLike = Error & { code?: unknown; severity?: unknown; constraint?: unknown; table?: unknown; column?: unknown };

/** A failed query as drizzle reports it: its message and `params` carry the bound values. */
function isQueryError(err: Error): err is Error & { query: string; params: unknown[] } {
  return typeof (err as { query?: unknown }).query === 'string' && Array.isArray((err as { params?: unknown }).params);
}

/** An error from the database driver (pg or PGlite): its message may quote a bound value. */
function isDatabaseError(err: Error): err is DatabaseErrorLike {
  const { code, severity } = err as DatabaseErrorLike;
  return typeof code === 'string' && SQLSTATE.test(code) && typeof severity === 'string';
}

/** The stack's frames without its first line (which repeats the message). */
function framesOf(err: Error): string {
  return (err.stack ?? '')
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
}

function databaseFacts(err: unknown) {
  if (!(err instanceof Error) || !isDatabaseError(err)) return {};
  const pick = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { code: err.code, constraint: pick(err.constraint), table: pick(err.table), column: pick(err.column) };
}

/**
 * The logger's `err` serializer: a failed query is logged as its SQL text and SQLSTATE code, never its
 * parameters (password and token hashes, people's data) nor the driver's message (which may quote one).
 */
type SerializedError = { [key: string]: unknown; type: string; message: string; stack: string };

export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' };
  if (isQueryError(err)) {
    const facts = databaseFacts(err.cause);
    return {
      type: err.constructor.name,
      message: `query failed${facts.code ? ` (SQLSTATE ${facts.code})` : ''}`,
      query: err.query,
      ...facts,
      stack: framesOf(err),
    };
  }
  if (isDatabaseError(err)) {
    return { type: err.constructor.name, message: `database error (SQLSTATE ${err.code})`, ...databaseFacts(err), stack: framesOf(err) };
  }
  const { code, statusCode } = err as { code?: unknown; statusCode?: unknown };
  return {
    type: err.constructor.name,
    message: err.message,
    stack: err.stack ?? '',
    ...(code !== undefined ? { code } : {}),
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(err.cause !== undefined && depth < 3 ? { cause: serializeError(err.cause, depth + 1) } : {}),
  };
}

/** Adds the redaction and the safe error serializer to the logger options the app is built with. */
export function safeLoggerOptions(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    serializers: { ...options.serializers, err: (err: unknown) => serializeError(err) },
  };
}
