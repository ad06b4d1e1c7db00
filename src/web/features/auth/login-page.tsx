import { CheckCircleFilled, LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { isStaff } from '../../../domain/policy.ts';
import { LoginBody } from '../../../server/features/auth/auth.schema.ts';
import { isApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { BrandMark } from '../../components/brand.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { isServerRenderedPath } from '../../first-screen-state.ts';
import { errorMessage } from '../../lib/errors.ts';
import { schemaRules } from '../../lib/schema-form.ts';
import { useLogin, useMe } from './api.ts';

type LoginValues = { email: string; password: string };

function homeFor(user: User, next: string | null): string {
  const isCustomer = !isStaff(user);
  // Only same-site paths, and only into the area this user may see.
  if (next?.startsWith('/') && !next.startsWith('//') && next.startsWith('/portal') === isCustomer) return next;
  return isCustomer ? '/portal' : '/queue';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const { rules } = schemaRules(LoginBody.shape, t);
  const isLeaving = useRef(false);

  // Leaving for a server-rendered page: no client-side render of it meanwhile (the browser is loading it).
  if (me.data) return isLeaving.current ? null : <Navigate to={homeFor(me.data.user, next)} replace />;

  const onFinish = (values: LoginValues) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (result) => {
          const home = homeFor(result.user, next);
          // The queue comes rendered by the server (its rows show before the scripts start): load it as a page.
          if (isServerRenderedPath(home)) {
            isLeaving.current = true;
            window.location.replace(home);
          } else navigate(home, { replace: true });
        },
      },
    );
  };

  const failure = login.error
    ? isApiError(login.error) && (login.error.status === 401 || login.error.code === 'unauthenticated')
      ? t('auth.failed')
      : errorMessage(login.error, t)
    : null;

  return (
    <div className="login-page">
      <aside className="login-hero">
        <div className="login-hero-brand">
          <BrandMark size={36} />
          <div>
            <div className="login-hero-name">{t('app.name')}</div>
            <div className="login-hero-alt">{t('app.altName')}</div>
          </div>
        </div>
        <div className="login-hero-body">
          <h1>{t('auth.heroTitle')}</h1>
          <p className="login-hero-tagline">{t('app.tagline')}</p>
          <ul>
            {(['heroPoint1', 'heroPoint2', 'heroPoint3'] as const).map((key) => (
              <li key={key}>
                <CheckCircleFilled aria-hidden /> <span>{t(`auth.${key}`)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="login-hero-footer">{t('auth.footer')}</div>
      </aside>
      <main className="login-main">
        <div className="login-lang">
          <LanguageSwitch variant="default" />
        </div>
        <div className="login-card">
          <Typography.Title level={3} className="login-title">
            {t('auth.welcome')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.subtitle')}</Typography.Paragraph>
          {failure && <Alert type="error" showIcon title={failure} className="login-alert" data-testid="login-error" />}
          <Form<LoginValues> form={form} layout="vertical" size="large" requiredMark={false} onFinish={onFinish} data-testid="login-form">
            <Form.Item name="email" label={t('auth.email')} rules={rules('email')}>
              <Input
                prefix={<MailOutlined aria-hidden />}
                placeholder={t('auth.emailPlaceholder')}
                autoComplete="username"
                autoFocus
                data-testid="login-email"
              />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={rules('password')}>
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('auth.submit')}
            </Button>
          </Form>
        </div>
      </main>
    </div>
  );
}
