import { describe, expect, test } from 'vitest';
import { customerBody } from './customer-values.ts';

describe('the customer form body', () => {
  test.each([
    ['creating: empty fields are left out', { name: '某医院', grade: '', responsibleEngineerId: undefined }, false, { name: '某医院' }],
    [
      'editing: a cleared responsible engineer is sent as null',
      { name: '某医院', responsibleEngineerId: undefined },
      true,
      { name: '某医院', responsibleEngineerId: null },
    ],
    ['editing: a cleared grade and address are null', { grade: '  ', address: null }, true, { grade: null, address: null }],
    ['editing: a kept engineer is sent as is', { responsibleEngineerId: 'u-1' }, true, { responsibleEngineerId: 'u-1' }],
    ['editing: a required field left empty is left out (the form refuses it)', { name: '' }, true, {}],
    ['editing: a field not on the form is not sent', { name: '某医院' }, true, { name: '某医院' }],
  ])('%s', (_case, values, editing, body) => {
    expect(customerBody(values, editing)).toEqual(body);
  });
});
