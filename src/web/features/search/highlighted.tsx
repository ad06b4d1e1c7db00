import type { HighlightSegments } from './api.ts';

/** Text with the runs the query matched marked; the server sends plain runs, so nothing is parsed as HTML. */
export function Highlighted({ segments, className }: { segments: HighlightSegments; className?: string }) {
  return (
    <span className={className}>
      {segments.map((segment, index) =>
        segment.isMatch ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and never reorder
          <mark key={index} className="search-mark">
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and never reorder
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
