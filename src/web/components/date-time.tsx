import { Tooltip } from 'antd';
import { formatDateTime, formatDateTimeSeconds, fromNow, useNow } from '../lib/time.ts';
import { useTimeZone } from './session.tsx';

/** A timestamp in the user's time zone; `relative` shows "5 分钟前" with the exact time on hover. */
export function DateTime({ value, relative = false }: { value: string | null | undefined; relative?: boolean }) {
  const timeZone = useTimeZone();
  if (!value) return null;
  if (!relative) return <span className="tabular">{formatDateTime(value, timeZone)}</span>;
  return <RelativeTime value={value} title={formatDateTimeSeconds(value, timeZone)} />;
}

function RelativeTime({ value, title }: { value: string; title: string }) {
  const now = useNow();
  return (
    <Tooltip title={title}>
      <span>{fromNow(value, now)}</span>
    </Tooltip>
  );
}
