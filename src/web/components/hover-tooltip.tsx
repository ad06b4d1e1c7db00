import { Tooltip, type TooltipProps } from 'antd';
import { cloneElement, type FocusEvent, type MouseEvent, type ReactElement, useState } from 'react';

type Child = ReactElement<{ onMouseEnter?: (event: MouseEvent) => void; onFocus?: (event: FocusEvent) => void }>;

/**
 * An antd Tooltip that is built only when first wanted (pointer over it, or keyboard focus). Tables show one per
 * row and cell; fifty mounted popup triggers cost more of the first render than the rows themselves.
 */
export function HoverTooltip({ children, ...props }: Omit<TooltipProps, 'children'> & { children: Child }) {
  const [isWanted, setWanted] = useState(false);
  if (isWanted)
    return (
      <Tooltip defaultOpen {...props}>
        {children}
      </Tooltip>
    );
  return cloneElement(children, {
    onMouseEnter: (event: MouseEvent) => {
      children.props.onMouseEnter?.(event);
      setWanted(true);
    },
    onFocus: (event: FocusEvent) => {
      children.props.onFocus?.(event);
      setWanted(true);
    },
  });
}
