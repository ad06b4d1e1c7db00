import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { passwordWeakness } from '../domain/password-strength.ts';
import { isValidTimeZone } from '../domain/time-zone.ts';

// One validated configuration, read once at boot: a bad value stops the server with a clear message.
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  AFTERSALES_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AFTERSALES_ADMIN_EMAIL: z.email().optional(),
  AFTERSALES_ADMIN_PASSWORD: z
    .string()
    .superRefine((value, ctx) => {
      const weakness = passwordWeakness(value);
      if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
    })
    .optional(),
  AFTERSALES_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /**
   * Which proxies may name the client in X-Forwarded-For: unset/false = none (the socket's address is
   * the client), a hop count, or a comma-separated list of addresses/CIDRs of the proxies.
   */
  AFTERSALES_TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((v) => trustProxyOf(v) !== undefined, {
      message: 'must be false, a hop count (1–10) or comma-separated proxy addresses/CIDRs (e.g. 10.0.0.0/8,::1)',
    }),
  AFTERSALES_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(20),
  AFTERSALES_TIME_ZONE: z.string().default('Asia/Shanghai').refine(isValidTimeZone, 'unknown IANA time zone'),
  AFTERSALES_PUBLIC_URL: z.url().optional(),
  /** The service provider as printed on quotes (乙方), e.g. the vendor's registered company name. */
  AFTERSALES_VENDOR_NAME: z.string().trim().min(2).max(100).default('售后服务中心 After-sales Service Centre'),
  /** The service hotline printed in every document's letterhead (optional). */
  AFTERSALES_HOTLINE: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{3,40}$/, 'digits, spaces, + - ( ) only, e.g. 400-800-1234')
    .optional(),
  AFTERSALES_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(200).max(3_600_000).default(5000),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('Aftersales 售后服务台 <no-reply@localhost>'),
  /**
   * The CJK font for PDFs: `file` (.ttf/.otf) or `file.ttc#PostScriptName` for a collection. Unset:
   * Noto Sans Hans from the npm package @embedpdf/fonts-sc (documents/fonts.ts).
   */
  AFTERSALES_PDF_FONT: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^[^#]+\.(ttf|otf)$/i.test(v) || /^[^#]+\.ttc#[A-Za-z0-9_.-]+$/i.test(v), {
      message:
        'must be a .ttf or .otf file, or a .ttc collection followed by #PostScriptName (e.g. NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular)',
    }),
  /**
   * Encrypts remote-access credentials at rest (any string of at least 32 characters; a key is derived from
   * it with HKDF-SHA256). Unset: such secrets are refused. `_PREVIOUS` is the key being rotated out: rows
   * under it are still read and are re-encrypted under the current key by the `remote-access.maintain` job.
   */
  AFTERSALES_SECRET_KEY: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  AFTERSALES_SECRET_KEY_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Connections each server process keeps to PostgreSQL (processes × pool size ≤ the server's max_connections). */
  databasePoolSize: number;
  adminEmail?: string;
  adminPassword?: string;
  isCookieSecure: boolean;
  /** Passed to Fastify's trustProxy: false, a hop count, or the proxies' addresses/CIDRs. */
  trustProxy: false | number | string[];
  maxUploadBytes: number;
  /** The service centre's zone: request numbers take their year from it. */
  timeZone: string;
  /** The service provider printed on quotes (乙方) and in every document's letterhead. */
  vendorName: string;
  /** The service hotline in documents' letterhead; null leaves it out. */
  hotline: string | null;
  /** Where people open the app: links in emails point here. */
  publicUrl: string;
  schedulerIntervalMs: number;
  /** Outgoing mail; without a host, notifications stay in-app only. */
  smtp: { host: string; port: number; isSecure: boolean; user?: string; password?: string; from: string } | null;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  /** The CJK font PDFs are set in (`postscriptName` picks the face of a .ttc); null: the npm-shipped Noto Sans Hans. */
  pdfFont: { path: string; postscriptName: string | null } | null;
  /** The key material for secrets at rest (remote access); null: storing secrets is refused. */
  secretKeys: { current: string; previous: string | null } | null;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings from .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.AFTERSALES_SECRET_KEY_PREVIOUS && !c.AFTERSALES_SECRET_KEY) {
    throw new ConfigError('Invalid configuration:\n  AFTERSALES_SECRET_KEY_PREVIOUS: set AFTERSALES_SECRET_KEY (the new key) too');
  }
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.AFTERSALES_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    adminEmail: c.AFTERSALES_ADMIN_EMAIL,
    adminPassword: c.AFTERSALES_ADMIN_PASSWORD,
    isCookieSecure: c.AFTERSALES_COOKIE_SECURE === 'true',
    trustProxy: trustProxyOf(c.AFTERSALES_TRUST_PROXY) ?? false,
    maxUploadBytes: Math.round(c.AFTERSALES_MAX_UPLOAD_MB * 1024 * 1024),
    timeZone: c.AFTERSALES_TIME_ZONE,
    vendorName: c.AFTERSALES_VENDOR_NAME,
    hotline: c.AFTERSALES_HOTLINE ?? null,
    publicUrl: (c.AFTERSALES_PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    schedulerIntervalMs: c.AFTERSALES_SCHEDULER_INTERVAL_MS,
    smtp: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          isSecure: c.SMTP_SECURE === 'true',
          user: c.SMTP_USER,
          password: c.SMTP_PASSWORD,
          from: c.SMTP_FROM,
        }
      : null,
    logLevel: c.LOG_LEVEL,
    pdfFont: c.AFTERSALES_PDF_FONT ? pdfFontOf(c.AFTERSALES_PDF_FONT) : null,
    secretKeys: c.AFTERSALES_SECRET_KEY ? { current: c.AFTERSALES_SECRET_KEY, previous: c.AFTERSALES_SECRET_KEY_PREVIOUS ?? null } : null,
  };
}

function pdfFontOf(value: string): NonNullable<Config['pdfFont']> {
  const [file, postscriptName] = value.split('#');
  return { path: path.resolve(file), postscriptName: postscriptName ?? null };
}

/** `false` / a hop count / a list of addresses and CIDRs; undefined when the value is none of them. */
function trustProxyOf(value: string): Config['trustProxy'] | undefined {
  if (value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0 || !items.every((item) => ipaddr.isValid(item) || ipaddr.isValidCIDR(item))) return undefined;
  return items;
}
