// Reuses the server's Zod schemas as antd form rules, so the browser and the API agree on what is valid.
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { isApiError } from '../api/client.ts';

type Issue = z.core.$ZodIssue;

/** Empty inputs mean "not given": the schemas' optional fields expect undefined, not ''. */
export function emptyToUndefined(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (value === null) return undefined;
  return value;
}

export function cleanValues<T extends Record<string, unknown>>(values: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const cleaned = emptyToUndefined(value);
    if (cleaned !== undefined) out[key] = cleaned;
  }
  return out;
}

export function issueMessage(issue: Issue, t: TFunction): string {
  switch (issue.code) {
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_value':
      return t('validation.select');
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.format');
    default:
      return t('validation.invalid');
  }
}

type Shape = Record<string, z.ZodType>;

/**
 * `rules('title')` gives antd rules that run the server schema's own check for that field;
 * `isRequired('title')` tells whether the schema accepts it missing (for the asterisk).
 */
export function schemaRules<S extends Shape>(shape: S, t: TFunction) {
  return {
    rules(field: keyof S & string, options: { required?: boolean } = {}): Rule[] {
      const schema = shape[field];
      return [
        {
          required: options.required ?? !schema.safeParse(undefined).success,
          validator: async (_rule, value: unknown) => {
            const cleaned = emptyToUndefined(value);
            if (cleaned === undefined && options.required) throw new Error(t('validation.required'));
            const result = schema.safeParse(cleaned);
            if (!result.success) throw new Error(issueMessage(result.error.issues[0], t));
          },
        },
      ];
    },
  };
}

/** Shows the server's per-field errors (`error.fields`) on the form; returns true if any were shown. */
export function applyServerFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || !error.fields) return false;
  const entries = Object.entries(error.fields);
  if (entries.length === 0) return false;
  form.setFields(entries.map(([name, message]) => ({ name, errors: [message] })));
  return true;
}
