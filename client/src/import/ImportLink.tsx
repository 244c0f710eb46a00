/** The atlas's way to the import page (/import), among the title bar's tools; the page itself asks for a planner's token. */
import type { Locale } from '../app/i18n';
import { IMPORT_MESSAGES } from './messages';
import './import-link.css';

export function ImportLink({ locale }: { locale: Locale }) {
  return (
    <a className="share-button import-link" href={locale === 'en' ? '/import?lang=en' : '/import'} data-testid="import-link">
      {IMPORT_MESSAGES[locale].title}
    </a>
  );
}
