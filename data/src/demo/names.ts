/**
 * Made-up but plausible place names: Mongolian-style transliterations for
 * banners (旗), sumu (苏木) and gacha (嘎查), Han-style names for counties (县),
 * towns (镇), townships (乡) and villages (村). Each name comes with an English
 * form (transliteration or pinyin). Names are unique within their level.
 */
import type { Rng } from './rng.js';

export type Part = readonly [zh: string, en: string];

export const MONGOL_HEADS: Part[] = [
  ['巴彦', 'Bayan'], ['乌兰', 'Ulaan'], ['查干', 'Chagaan'], ['呼和', 'Huhe'], ['阿拉坦', 'Altan'],
  ['额尔敦', 'Erdene'], ['宝力根', 'Bulgan'], ['哈日', 'Khar'], ['希热', 'Shiree'], ['赛罕', 'Saikhan'],
  ['满都拉', 'Mandal'], ['图门', 'Tumen'], ['那仁', 'Naran'], ['乌力吉', 'Ulzii'], ['宝音', 'Buyan'],
  ['温都日', 'Undur'], ['敖伦', 'Olon'], ['额仁', 'Eren'], ['沙日', 'Shar'], ['伊和', 'Ikh'],
  ['巴嘎', 'Baga'], ['浩日', 'Khuur'], ['吉仁', 'Jiren'], ['朝克', 'Chog'], ['阿日', 'Ar'],
  ['达兰', 'Dalan'], ['孟根', 'Mungen'], ['特格', 'Teg'], ['布日', 'Bur'], ['胡硕', 'Khoshuu'],
  ['那木', 'Nam'], ['苏布', 'Subd'],
];
export const MONGOL_TAILS: Part[] = [
  ['淖尔', 'Nuur'], ['敖包', 'Obo'], ['郭勒', 'Gol'], ['塔拉', 'Tal'], ['乌苏', 'Us'],
  ['陶勒盖', 'Tolgoi'], ['布拉格', 'Bulag'], ['希勒', 'Shil'], ['哈达', 'Khad'], ['呼都格', 'Khudag'],
  ['宝拉格', 'Bolag'], ['锡力', 'Shili'], ['温都尔', 'Undur'], ['阿木', 'Am'], ['高毕', 'Gobi'],
  ['额日格', 'Ereg'], ['呼舒', 'Khush'], ['乌拉', 'Uul'], ['达坝', 'Dabaa'], ['芒哈', 'Mangkha'],
  ['图', 'Tu'], ['嘎顺', 'Gashuun'], ['毛都', 'Modo'], ['德力格尔', 'Delger'],
];
export const HAN_HEADS: Part[] = [
  ['兴隆', 'Xinglong'], ['太平', 'Taiping'], ['永丰', 'Yongfeng'], ['广义', 'Guangyi'], ['东风', 'Dongfeng'],
  ['新民', 'Xinmin'], ['丰裕', 'Fengyu'], ['长胜', 'Changsheng'], ['富民', 'Fumin'], ['德胜', 'Desheng'],
  ['庆丰', 'Qingfeng'], ['双井', 'Shuangjing'], ['榆树', 'Yushu'], ['杨树', 'Yangshu'], ['柳条', 'Liutiao'],
  ['石门', 'Shimen'], ['沙河', 'Shahe'], ['前进', 'Qianjin'], ['团结', 'Tuanjie'], ['胜利', 'Shengli'],
  ['和平', 'Heping'], ['联合', 'Lianhe'], ['永兴', 'Yongxing'], ['万兴', 'Wanxing'], ['复兴', 'Fuxing'],
  ['三义', 'Sanyi'], ['五家', 'Wujia'], ['大营', 'Daying'], ['小营', 'Xiaoying'], ['红山', 'Hongshan'],
  ['黑石', 'Heishi'], ['白土', 'Baitu'], ['青羊', 'Qingyang'], ['马莲', 'Malian'], ['碾房', 'Nianfang'],
  ['十八', 'Shiba'], ['二道', 'Erdao'], ['头道', 'Toudao'], ['韩家', 'Hanjia'], ['李家', 'Lijia'],
  ['王家', 'Wangjia'], ['刘家', 'Liujia'], ['赵家', 'Zhaojia'], ['丰泉', 'Fengquan'], ['南沟', 'Nangou'],
];
export const HAN_VILLAGE_TAILS: Part[] = [
  ['沟', 'gou'], ['营', 'ying'], ['堡', 'bu'], ['湾', 'wan'], ['屯', 'tun'], ['井', 'jing'], ['庄', 'zhuang'],
  ['台', 'tai'], ['河', 'he'], ['梁', 'liang'], ['窑', 'yao'], ['滩', 'tan'], ['店', 'dian'], ['坝', 'ba'],
  ['地', 'di'], ['房', 'fang'], ['洼', 'wa'], ['岭', 'ling'],
];
const HAN_COUNTY_NAMES: Part[] = [
  ['宝源川', 'Baoyuanchuan'], ['长丰原', 'Changfengyuan'], ['庆和川', 'Qinghechuan'],
  ['安平川', 'Anpingchuan'], ['富源川', 'Fuyuanchuan'], ['德兴原', 'Dexingyuan'],
];
/** Real county-level names nearby; never generated. */
const REAL_NAMES = new Set(['巴彦淖尔', '乌兰浩特', '查干淖尔', '锡林浩特', '巴彦浩特', '乌兰察布', '阿巴嘎', '巴彦塔拉']);

export interface PlaceName {
  name: string;
  nameEn: string;
}

export type NameStyle = 'MONGOL' | 'HAN';

/** Draws names without repeats within one generator (one per level). */
export class NameDrawer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  draw(style: NameStyle): PlaceName {
    for (let attempt = 0; attempt < 500; attempt++) {
      const [h, t] =
        style === 'MONGOL'
          ? [this.rng.pick(MONGOL_HEADS), this.rng.pick(MONGOL_TAILS)]
          : [this.rng.pick(HAN_HEADS), this.rng.pick(HAN_VILLAGE_TAILS)];
      const name = h[0] + t[0];
      if (this.used.has(name) || REAL_NAMES.has(name)) continue;
      if (style === 'MONGOL' && h[1] === t[1]) continue;
      this.used.add(name);
      return { name, nameEn: style === 'MONGOL' ? `${h[1]} ${t[1]}` : h[1] + t[1] };
    }
    throw new Error(`names: ran out of ${style} names`);
  }

  /** A two-syllable Han name without the village suffix, for towns and townships. */
  drawHanShort(): PlaceName {
    for (let attempt = 0; attempt < 500; attempt++) {
      const [name, nameEn] = this.rng.pick(HAN_HEADS);
      if (this.used.has(name)) continue;
      this.used.add(name);
      return { name, nameEn };
    }
    throw new Error('names: ran out of short Han names');
  }

  /** A city-like name (…浩特, "town") for the league seat's district. */
  drawSeat(): PlaceName {
    const [zh, en] = this.rng.pick(MONGOL_HEADS.filter(([h]) => !REAL_NAMES.has(`${h}浩特`)));
    const name = `${zh}浩特`;
    this.used.add(name);
    return { name, nameEn: `${en} Hot` };
  }

  drawHanCounty(): PlaceName {
    const [name, nameEn] = this.rng.pick(HAN_COUNTY_NAMES.filter(([n]) => !this.used.has(n)));
    this.used.add(name);
    return { name, nameEn };
  }
}

/** English suffix for each Chinese administrative suffix. */
export const SUFFIX_EN: Record<string, string> = {
  盟: 'League',
  旗: 'Banner',
  县: 'County',
  区: 'District',
  苏木: 'Sumu',
  镇: 'Town',
  乡: 'Township',
  嘎查: 'Gacha',
  村: 'Village',
};

export function withSuffix(base: PlaceName, suffix: keyof typeof SUFFIX_EN | string): PlaceName {
  return { name: base.name + suffix, nameEn: `${base.nameEn} ${SUFFIX_EN[suffix] ?? suffix}` };
}
