import { Select, type SelectProps, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerListRow } from '../api/types.ts';
import { useCustomerSearch } from '../features/customers/api.ts';
import { useStaffUsers } from '../features/users/api.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useSession } from './session.tsx';
import { useVocab } from './vocab.tsx';

type UserPickerProps = Omit<SelectProps<string | null>, 'options' | 'showSearch'> & {
  /** Offer "unassigned" as a choice (value `null`). */
  allowUnassigned?: boolean;
  /** Extra choices before the users, e.g. `me` / `none` filters in the queue. */
  extraOptions?: { value: string; label: string }[];
};

/** Staff member picker (assignee); lists active staff with their team, "me" first. */
export function UserPicker({ allowUnassigned, extraOptions = [], ...props }: UserPickerProps) {
  const { t } = useTranslation();
  const { label } = useVocab();
  const me = useSession();
  const staff = useStaffUsers();
  // Plain-text labels, the team drawn only when the list opens (optionRender): at a few hundred staff, a
  // JSX label per user was a measurable part of the queue's first render (issue 9: first load).
  const options = useMemo(() => {
    const users = [...(staff.data ?? [])].sort((a, b) => (a.id === me.id ? -1 : b.id === me.id ? 1 : a.name.localeCompare(b.name)));
    return [
      ...extraOptions.map((option) => ({ ...option, search: option.label, team: undefined })),
      ...(allowUnassigned ? [{ value: '', label: t('ticket.unassigned'), search: t('ticket.unassigned'), team: undefined }] : []),
      ...users.map((user) => ({
        value: user.id,
        search: `${user.name} ${user.email}`,
        label: user.id === me.id ? t('common.withMe', { name: user.name }) : user.name,
        team: user.team ? label('team', user.team) : undefined,
      })),
    ];
  }, [staff.data, me.id, allowUnassigned, extraOptions, t, label]);
  return (
    <Select<string | null>
      loading={staff.isLoading}
      options={options}
      optionRender={(option) => (
        <Space size={6}>
          <span>{option.label}</span>
          {option.data.team && <Typography.Text type="secondary">{option.data.team}</Typography.Text>}
        </Space>
      )}
      showSearch={{ optionFilterProp: 'search' }}
      {...props}
      value={props.value === null ? '' : props.value}
      onChange={(value, option) => props.onChange?.(value === '' ? null : value, option)}
    />
  );
}

type CustomerPickerProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'onChange'> & {
  onChange?: (id: string | undefined, customer: CustomerListRow | undefined) => void;
  /** Label for the current value before any search has loaded it. */
  initialLabel?: string;
};

/** Customer search-as-you-type against GET /customers?q=. */
export function CustomerPicker({ onChange, initialLabel, ...props }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 200);
  const search = useCustomerSearch(debounced);
  const items = search.data?.items ?? [];
  const options: { value: string; label: string }[] = items.map((customer) => ({ value: customer.id, label: customer.name }));
  if (typeof props.value === 'string' && initialLabel && !items.some((c) => c.id === props.value)) {
    options.unshift({ value: props.value, label: initialLabel });
  }
  return (
    <Select<string>
      placeholder={t('intake.customerSearch')}
      allowClear
      // Remote search, plus a local filter so results still on screen from the last keystroke never mislead.
      showSearch={{
        onSearch: setQuery,
        filterOption: (input, option) =>
          String(option?.label ?? '')
            .toLowerCase()
            .includes(input.trim().toLowerCase()),
      }}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('common.noData')}
      optionRender={(option) => {
        const customer = items.find((c) => c.id === option.value);
        if (!customer) return option.label;
        return (
          <div className="customer-option">
            <span>{customer.name}</span>
            <Typography.Text type="secondary" className="customer-option-meta">
              {customer.province}
              {customer.city && customer.city !== customer.province ? ` · ${customer.city}` : ''}
            </Typography.Text>
          </div>
        );
      }}
      options={options}
      onChange={(value) =>
        onChange?.(
          value,
          items.find((c) => c.id === value),
        )
      }
      {...props}
    />
  );
}
