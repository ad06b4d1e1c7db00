import type { ButtonProps } from 'antd';

/** antd takes button props as objects (modal OK buttons); this adds a test id without widening the type. */
export function withTestId(props: ButtonProps, testId: string): ButtonProps {
  const withId: ButtonProps & { 'data-testid': string } = { ...props, 'data-testid': testId };
  return withId;
}
