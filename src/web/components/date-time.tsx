import { formatDateTime, formatDateTimeSeconds, formatShortDateTime, fromNow, useNow } from '../lib/time.ts';
import { HoverTooltip } from './hover-tooltip.tsx';
import { useTimeZone } from './session.tsx';

/** A timestamp in the user's time zone; `relative` shows "5 分钟前" with the exact time on hover. */
export function DateTime({
  value,
  relative = false,
  short = false,
}: {
  value: string | null | undefined;
  relative?: boolean;
  short?: boolean;
}) {
  const timeZone = useTimeZone();
  if (!value) return null;
  if (short) {
    return (
      <HoverTooltip title={formatDateTimeSeconds(value, timeZone)}>
        <span className="tabular">{formatShortDateTime(value, timeZone)}</span>
      </HoverTooltip>
    );
  }
  if (!relative) return <span className="tabular">{formatDateTime(value, timeZone)}</span>;
  return <RelativeTime value={value} title={formatDateTimeSeconds(value, timeZone)} />;
}

function RelativeTime({ value, title }: { value: string; title: string }) {
  const now = useNow();
  return (
    <HoverTooltip title={title}>
      <span>{fromNow(value, now)}</span>
    </HoverTooltip>
  );
}
