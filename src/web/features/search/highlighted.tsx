import type { HighlightSegments } from './api.ts';

/** Text with the runs the query matched marked; the server sends plain runs, so nothing is parsed as HTML. */
export function Highlighted({ segments, className }: { segments: HighlightSegments; className?: string }) {
  return (
    <span className={className}>
      {withOffsets(segments).map(({ segment, offset }) =>
        segment.isMatch ? (
          <mark key={offset} className="search-mark">
            {segment.text}
          </mark>
        ) : (
          <span key={offset}>{segment.text}</span>
        ),
      )}
    </span>
  );
}

/** Each run with its character offset in the whole text: a stable key, since runs never reorder. */
function withOffsets(segments: HighlightSegments): { segment: HighlightSegments[number]; offset: number }[] {
  let offset = 0;
  return segments.map((segment) => {
    const start = offset;
    offset += segment.text.length;
    return { segment, offset: start };
  });
}
