/**
 * Locale state and the `useI18n()` hook. Every UI string comes from the
 * message tables here (zh-CN first). The locale opens from the link's
 * `?lang=` (state/view-state.ts reads it; state/useViewState.ts writes it).
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { parseView } from '../../state/view-state';
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
  return parseView(window.location.search).state.locale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = TABLES[locale].appTitle;
  }, [locale]);
  const value = useMemo(() => ({ locale, messages: TABLES[locale], setLocale }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() must be used inside <I18nProvider>.');
  return value;
}
