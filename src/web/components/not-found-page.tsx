import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** An unknown address inside the app (its own chunk: antd's Result carries large illustrations). */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundBody')}
      extra={
        <Button type="primary" href="/">
          {t('errors.goHome')}
        </Button>
      }
    />
  );
}
