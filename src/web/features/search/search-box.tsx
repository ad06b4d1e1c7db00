import { LoadingOutlined, SearchOutlined } from '@ant-design/icons';
import { Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { requestNumberOf } from '../../../domain/search/segment.ts';
import { useFindRequestNumber } from './api.ts';
import { resultsHref, SEARCH_PATHS, type SearchAudience } from './paths.ts';
import './search.css';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The header's search: a request number opens that request, other words open the results page.
 * "/" focuses it from anywhere on the page; on the results page it shows the words searched.
 */
export function SearchBox({ audience }: { audience: SearchAudience }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const findNumber = useFindRequestNumber();
  const inputRef = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [isOpening, setIsOpening] = useState(false);
  const [isFocused, setIsFocused] = useState(false);
  const paths = SEARCH_PATHS[audience];

  useEffect(() => {
    const onResults = location.pathname === paths.results;
    setValue(onResults ? (new URLSearchParams(location.search).get('q') ?? '') : '');
  }, [location.pathname, location.search, paths.results]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus({ cursor: 'all' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const submit = async () => {
    const q = value.trim();
    if (!q || isOpening) return;
    const number = requestNumberOf(q);
    if (number) {
      setIsOpening(true);
      try {
        const hit = await findNumber(number);
        if (hit) {
          inputRef.current?.blur();
          navigate(paths.request(hit.id));
          return;
        }
      } catch {
        // The results page shows the failure with a retry.
      } finally {
        setIsOpening(false);
      }
    }
    inputRef.current?.blur();
    navigate(resultsHref(audience, q));
  };

  return (
    <Input
      ref={inputRef}
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onPressEnter={() => void submit()}
      onFocus={() => setIsFocused(true)}
      onBlur={() => setIsFocused(false)}
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      prefix={
        isOpening ? <LoadingOutlined aria-hidden className="search-box-icon" /> : <SearchOutlined aria-hidden className="search-box-icon" />
      }
      suffix={
        !isFocused && !value ? (
          <kbd className="search-box-key" title={t('search.shortcut')}>
            /
          </kbd>
        ) : (
          <span />
        )
      }
      allowClear
      maxLength={200}
      className={`search-box search-box-${audience}`}
      data-testid="search-box"
    />
  );
}
