import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/types.ts';
import { useUpdateMe } from '../features/auth/api.ts';
import { currentLanguage, isLanguage, LANGUAGES, type Language, rememberLanguage, storedLanguage, switchLanguage } from '../i18n/index.ts';

export function changeLanguage(language: Language): void {
  rememberLanguage(language);
  void switchLanguage(language);
}

/** Globe menu for zh-CN / English; when signed in the choice is saved on the account too. */
export function LanguageSwitch({
  signedIn = false,
  variant = 'text',
  compact = false,
}: {
  signedIn?: boolean;
  variant?: 'text' | 'default';
  /** Only the globe (narrow headers); the menu still names each language. */
  compact?: boolean;
}) {
  const { t, i18n: instance } = useTranslation();
  const updateMe = useUpdateMe();
  const language = isLanguage(instance.language) ? instance.language : currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: LANGUAGES.map((value) => ({ key: value, label: <span data-testid={`language-${value}`}>{t(`language.${value}`)}</span> })),
        onClick: ({ key }) => {
          if (!isLanguage(key)) return;
          changeLanguage(key);
          if (signedIn) updateMe.mutate({ locale: key });
        },
      }}
    >
      <Button
        type={variant === 'text' ? 'text' : 'default'}
        icon={<GlobalOutlined aria-hidden />}
        data-testid="language-switch"
        title={t('language.label')}
      >
        {compact ? null : t(`language.${language}`)}
      </Button>
    </Dropdown>
  );
}

/**
 * On sign-in: a choice made on this browser wins and is saved to the account;
 * with no local choice the account's language is used.
 */
export function useLanguageSync(user: User): void {
  const updateMe = useUpdateMe();
  const synced = useRef<string | null>(null);
  useEffect(() => {
    if (synced.current === user.id) return;
    synced.current = user.id;
    const local = storedLanguage();
    if (local && local !== user.locale) updateMe.mutate({ locale: local });
    else if (!local && isLanguage(user.locale) && user.locale !== currentLanguage()) void switchLanguage(user.locale);
  }, [user.id, user.locale, updateMe]);
}
