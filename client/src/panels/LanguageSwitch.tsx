/** 中文 / English. */
interface LanguageSwitchProps<L extends string> {
  options: ReadonlyArray<{ locale: L; label: string }>;
  locale: L;
  label: string;
  onChange(locale: L): void;
}

export function LanguageSwitch<L extends string>({ options, locale, label, onChange }: LanguageSwitchProps<L>) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid="language-switch">
      {options.map((o) => (
        <button
          key={o.locale}
          type="button"
          lang={o.locale}
          aria-pressed={o.locale === locale}
          className={o.locale === locale ? 'active' : undefined}
          onClick={() => onChange(o.locale)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
