/**
 * Locale state and the `useMessages()` hook. Every UI string comes from the
 * message tables here (zh-CN first); the chosen locale is kept in `?lang=`.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: ReadonlyArray<{ locale: Locale; label: string }> = [
  { locale: 'zh-CN', label: '中文' },
  { locale: 'en', label: 'English' },
];
const TABLES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

interface I18n {
  locale: Locale;
  messages: Messages;
  setLocale(locale: Locale): void;
}
const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const requested = new URLSearchParams(window.location.search).get('lang');
  return requested === 'en' ? 'en' : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = TABLES[locale].appTitle;
    const url = new URL(window.location.href);
    if (locale === 'zh-CN') url.searchParams.delete('lang');
    else url.searchParams.set('lang', locale);
    window.history.replaceState(null, '', url);
  }, [locale]);
  const value = useMemo(() => ({ locale, messages: TABLES[locale], setLocale }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() must be used inside <I18nProvider>.');
  return value;
}
