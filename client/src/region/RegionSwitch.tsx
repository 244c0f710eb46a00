/**
 * The region switcher (地区): where the hub holds more than one prefecture,
 * a list of them by name and code in the title bar's tools; nothing at all
 * where it holds one. A native select: read out by screen readers, operated
 * by keyboard, and a phone's or tablet's own picker under a finger.
 */
import { useId } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_REGIONS, type AtlasRegion } from '../graphql/documents';
import type { ViewLocale } from '../state/view-state';
import { regionMessages } from './messages';
import './region-switch.css';

interface RegionSwitchProps {
  /** the region shown (its code), null until known */
  shown: string | null;
  locale: ViewLocale;
  /** take the focus when shown (after a switch, the atlas under it was built anew) */
  autoFocus?: boolean;
  /** a region chosen, with the list it was chosen from */
  onChoose(code: string, regions: readonly AtlasRegion[]): void;
}

export function RegionSwitch({ shown, locale, autoFocus = false, onChoose }: RegionSwitchProps) {
  const messages = regionMessages(locale);
  const hintId = useId();
  const { data } = useQuery(ATLAS_REGIONS);
  const regions = data?.prefectures ?? [];
  if (regions.length < 2) return null;
  return (
    <label className="region-switch" data-testid="region-switch">
      <span className="region-switch-label">{messages.label}</span>
      <select
        value={shown ?? regions[0]!.code}
        aria-describedby={hintId}
        autoFocus={autoFocus}
        onChange={(event) => onChoose(event.target.value, regions)}
      >
        {regions.map((region) => (
          <option key={region.code} value={region.code}>
            {messages.option(locale === 'en' ? region.nameEn || region.name : region.name, region.code)}
          </option>
        ))}
      </select>
      <span id={hintId} className="visually-hidden">
        {messages.description}
      </span>
    </label>
  );
}
