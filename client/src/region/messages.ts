/**
 * The region switcher's strings (地区切换), Chinese first, English second.
 * Kept with the switcher: only the atlas shows it, and only where the hub
 * holds more than one prefecture.
 */
import type { ViewLocale } from '../state/view-state';

export interface RegionMessages {
  /** the switcher's visible label */
  label: string;
  /** the switcher as a screen reader names it */
  description: string;
  /** one region in the list: its name and 12-digit code */
  option(name: string, code: string): string;
}

const zhCN: RegionMessages = {
  label: '地区',
  description: '切换盟市（地图回到所选盟市全境，已选对象清除）',
  option: (name, code) => `${name}（${code}）`,
};

const en: RegionMessages = {
  label: 'Region',
  description: 'Switch prefecture (the map shows the whole of the chosen one; the selection is cleared)',
  option: (name, code) => `${name} (${code})`,
};

export function regionMessages(locale: ViewLocale): RegionMessages {
  return locale === 'en' ? en : zhCN;
}
