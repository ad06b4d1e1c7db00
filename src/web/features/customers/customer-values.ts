// What the customer form sends. Creating, an empty field is left out; editing, an emptied field that can be
// cleared is sent as null (a cleared responsible engineer, grade or address), since leaving it out keeps the old value.
import { emptyToUndefined } from '../../lib/schema-form.ts';

/** Fields the edit form may clear (nullable in UpdateCustomerBody). */
export const CLEARABLE_CUSTOMER_FIELDS = ['grade', 'address', 'responsibleEngineerId'] as const;

export function customerBody(values: Record<string, unknown>, editing: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const clearable: readonly string[] = CLEARABLE_CUSTOMER_FIELDS;
  for (const [key, value] of Object.entries(values)) {
    const cleaned = emptyToUndefined(value);
    if (cleaned !== undefined) out[key] = cleaned;
    else if (editing && clearable.includes(key)) out[key] = null;
  }
  return out;
}
