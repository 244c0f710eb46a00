/**
 * The embedded map's own strings, in both languages: the year badge, and the
 * problems the map (in its frame) or the embed script (in the host page's
 * element, when the frame cannot show anything) explains to the reader.
 * Kept apart from the app's tables so the embed script, a small classic
 * script on other sites' pages, carries only these.
 */
import type { ProblemCode } from './protocol';

export type EmbedLocale = 'zh-CN' | 'en';

/** What a problem's explanation may name. */
export interface ProblemDetail {
  /** the host page's origin */
  origin: string;
  /** the hub's origin */
  hub: string;
  /** the timeout, in seconds */
  seconds: number;
  /** the hub's or the map's own words, when there are any */
  reason: string;
}

export interface EmbedMessages {
  /** the year badge's text */
  yearBadge(year: number): string;
  /** the year badge, as a screen reader says it */
  yearLabel(year: number): string;
  /** the heading of a problem shown in place of the map */
  problemTitle: string;
  problems: Record<ProblemCode, (detail: ProblemDetail) => string>;
}

const zhCN: EmbedMessages = {
  yearBadge: (year) => `${year} 年`,
  yearLabel: (year) => `地图年份：${year} 年`,
  problemTitle: '地图无法显示',
  problems: {
    'frame-refused': ({ origin }) => `数据平台不允许本网页（${origin}）嵌入地图：请平台管理员将这一来源加入 EMBED_ORIGINS。`,
    'frame-not-loaded': ({ hub }) => `地图页面没有在框架中加载：数据平台（${hub}）可以访问，但地图页面没有应答。`,
    'hub-unreachable': ({ hub }) => `无法连接数据平台（${hub}）：请检查网络，或稍后再试。`,
    'token-missing': () => '此地图需要访问令牌：请向数据平台的分析人员索取嵌入链接',
    'token-expired': () => '此地图的访问令牌已过期：请向数据平台的分析人员索取新的嵌入链接',
    'token-invalid': () => '此地图的访问令牌无效：请向数据平台的分析人员索取新的嵌入链接',
    'load-failed': ({ reason }) => `数据平台未能提供地图数据：${reason}`,
    timeout: ({ seconds }) => `地图在 ${seconds} 秒内没有应答：请稍后刷新页面再试。`,
    invalid: ({ reason }) => `参数无效：${reason}`,
    removed: () => '地图不在页面上（已被移除）。',
    reloaded: () => '地图已按新的设置重新加载。',
  },
};

const en: EmbedMessages = {
  yearBadge: (year) => String(year),
  yearLabel: (year) => `Year shown: ${year}`,
  problemTitle: 'The map cannot be shown',
  problems: {
    'frame-refused': ({ origin }) => `The hub does not let this page (${origin}) embed its map: ask the hub's administrator to add this origin to EMBED_ORIGINS.`,
    'frame-not-loaded': ({ hub }) => `The map's page did not load in its frame: the hub (${hub}) answers, but its map page did not.`,
    'hub-unreachable': ({ hub }) => `Cannot reach the hub (${hub}): check the network, or try again later.`,
    'token-missing': () => "This map needs an access token: ask the hub's analysts for an embed link",
    'token-expired': () => "This map's access token has expired: ask the hub's analysts for a new embed link",
    'token-invalid': () => "This map's access token is not valid: ask the hub's analysts for a new embed link",
    'load-failed': ({ reason }) => `The hub could not give the map's data: ${reason}`,
    timeout: ({ seconds }) => `The map did not answer within ${seconds} s: reload the page later.`,
    invalid: ({ reason }) => `Not valid: ${reason}`,
    removed: () => 'The map is not on the page (it was removed).',
    reloaded: () => 'The map was loaded again with new settings.',
  },
};

export function embedMessages(locale: EmbedLocale): EmbedMessages {
  return locale === 'en' ? en : zhCN;
}
