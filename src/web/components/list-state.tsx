import { LoadingOutlined } from '@ant-design/icons';
import { Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors.ts';

/** What a list knows: nothing yet (pending), a failure, or its data. TanStack queries fit as they are. */
export type ListQuery = { isPending: boolean; isError: boolean; error: unknown };

/**
 * A list's empty area that never says "none" before it knows: a skeleton while the first answer is
 * on its way, the failure if it failed, and only then the empty description.
 */
export function ListEmpty({ query, description, rows = 4 }: { query: ListQuery; description?: ReactNode; rows?: number }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div className="list-loading" data-testid="list-loading" aria-busy="true">
        <Skeleton active title={false} paragraph={{ rows, width: '100%' }} />
      </div>
    );
  }
  if (query.isError) return <Empty description={errorMessage(query.error, t)} />;
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;
}

/** A count that shows a spinner, not 0, until the answer is in. */
export function KnownCount({ value, children }: { value: number | undefined; children: (value: number) => ReactNode }) {
  const { t } = useTranslation();
  if (value === undefined)
    return <LoadingOutlined className="count-loading" aria-label={t('common.loading')} data-testid="count-loading" />;
  return <>{children(value)}</>;
}
