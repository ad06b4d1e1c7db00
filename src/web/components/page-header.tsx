import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title row of a page: title, optional subtitle and actions on the right. */
export function PageHeader({
  title,
  subtitle,
  extra,
  testId,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <Typography.Title level={4} className="page-title" data-testid={testId}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="page-header-extra">{extra}</div>}
    </div>
  );
}
