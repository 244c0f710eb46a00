/**
 * Every message the importer writes for a person, by code, in Chinese (the
 * default: bureau staff read the reports) and English (`--lang en`). A
 * problem carries its code and parameters, so the same problem can be
 * written in either language and a caller (the browser's import page) can
 * match on the code rather than on wording.
 *
 * Texts are templates: `{name}` is replaced by the parameter of that name; a
 * parameter that is itself a Message is written in the same language first.
 */

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh';

interface Entry {
  zh: string;
  en: string;
}

export const MESSAGES = {
  // ── cells ──────────────────────────────────────────────────────────────
  'cell.empty': { zh: '为空', en: 'is empty' },
  'cell.notFinite': { zh: '不是有限的数值', en: 'is not a finite number' },
  'cell.notNumber': { zh: '{value} 不是数字', en: '{value} is not a number' },
  'cell.notWhole': { zh: '{value} 不是整数', en: '{value} is not a whole number' },
  'cell.notBoolean': { zh: '{value} 不是“是/否”（可写 是/否、1/0、true/false）', en: '{value} is not yes/no (true/false, 是/否, 1/0)' },
  'cell.notEnum': { zh: '{value} 不是可用的值（应为 {values} 之一）', en: '{value} is not one of {values}' },
  'cell.notYearAmount': { zh: '{value} 不是“年份:金额”（如 2019:20.5）', en: '{value} is not year:amount (e.g. 2019:20.5)' },
  'cell.yearAmountItem': { zh: '{year} 年：{reason}', en: '{year}: {reason}' },
  'cell.yearOutOfRange': { zh: '{value} 不是可接受的年份（应在 {min} 至 {max} 年之间）', en: '{value} is not a plausible year (from {min} to {max})' },
  'cell.scientific': {
    zh: '{value} 是 Excel 把代码当作数字后显示的科学计数法，后几位已经丢失；请在 Excel 中把该列设置为“文本”格式，重新填入完整代码后再保存',
    en: '{value} is a code Excel turned into a number and shows in scientific notation, which loses its last digits; format the column as Text in Excel, enter the full codes again, then save',
  },
  'code.wrongLength': {
    zh: '{value} 有 {digits} 位，统计用区划代码应为 12 位（旗县可只写前 6 位，苏木乡镇可只写前 9 位）；若 Excel 把代码列当作数字处理过（去掉开头的 0 或改动了末位），请把该列设置为“文本”格式后重新填入完整代码',
    en: '{value} has {digits} digits; a division code has 12 (a county may give its first 6, a township its first 9); if Excel took the column for numbers (dropping leading zeros or changing the last digits), format the column as Text and enter the full codes again',
  },
  'cell.noUnit': { zh: '无（个数、代码或文字）', en: 'none (a count, code or text)' },
  'cell.unitMismatch': { zh: '表头的单位“{unit}”不适用于此列（此列的单位是 {expected}）', en: 'the unit "{unit}" in the header does not fit this column (its unit is {expected})' },

  // ── division codes ────────────────────────────────────────────────────
  'code.notCounty': { zh: '{value} 不是旗县代码（应为 6 位数字后接 000000，或只写前 6 位）', en: '{value} is not a county code: 6 digits then 000000 (or the 6 digits alone)' },
  'code.notTownship': { zh: '{value} 不是苏木乡镇代码（应为 9 位数字后接 000，或只写前 9 位）', en: '{value} is not a township code: 9 digits then 000 (or the 9 digits alone)' },
  'code.notVillage': { zh: '{value} 不是嘎查村代码（应为 12 位数字，且不以 000 结尾）', en: '{value} is not a village code: 12 digits not ending in 000' },
  'level.county': { zh: '旗县', en: 'county' },
  'level.township': { zh: '苏木乡镇', en: 'township' },
  'level.village': { zh: '嘎查村', en: 'village' },
  'code.notParent': {
    zh: '{given} 不是{level} {code} 所属的{parentLevel}（代码前 {digits} 位是 {parent}）',
    en: '{given} is not the {parentLevel} of {level} {code} (its first {digits} digits give {parent})',
  },

  // ── rules of single kinds ──────────────────────────────────────────────
  'village.exitNotPoor': { zh: '只有建档立卡贫困村（贫困村）才有出列年份', en: 'only a registered poor village (贫困村) can have an exit year' },
  'pairing.noHelper': { zh: '为空：须填帮扶村（帮扶村代码）或帮扶企业', en: 'is empty: name the helper village (帮扶村) or the helper enterprise (帮扶企业)' },
  'pairing.twoHelpers': { zh: '结对只能有一个帮扶方：帮扶村或帮扶企业，不能两者都填', en: 'a pairing has one helper: a village or an enterprise, not both' },
  'unit.noVillage': { zh: '为空：填了年份或资金的帮扶关系须写明所帮扶的嘎查村', en: 'is empty: an assignment with years or funds needs the village it helps' },
  'unit.committedAlone': { zh: '须与年度资金（到位资金）一起给出', en: 'must come with the funds by year (到位资金)' },
  'unit.committedYear': { zh: '{year} 年有承诺资金 {amount} 万元，年度资金却没有这一年；尚未到位时写 {year}:0', en: '{year} has committed funds of {amount} 万元 but the funds by year have no {year}; write {year}:0 when nothing has arrived yet' },
  'progress.noProject': { zh: '为空：须填项目编号，或村代码和项目名称', en: 'is empty: give the project id, or the village code and the project name' },

  // ── the hub's rules, as the importer meets them ───────────────────────
  'rule.yearRange': { zh: '须是 {min} 至 {max} 年之间的年份', en: 'must be a year from {min} to {max}' },
  'rule.notBefore': { zh: '不能早于{other}（{value}）', en: 'must not be before {other} ({value})' },
  'rule.wholeNonNegative': { zh: '须是不小于 0 的整数', en: 'must be a whole number, 0 or more' },
  'rule.nonNegative': { zh: '不能小于 0（{unit}）', en: 'must be 0 or more ({unit})' },
  'rule.notExceed': { zh: '不能超过{other}（{value}）', en: 'must not exceed {other} ({value})' },
  'rule.notExceedPoor': { zh: '不能超过{other}（{value}）：每个贫困户至少有一名贫困人口', en: 'must not exceed {other} ({value}): each poor household has at least one poor person' },
  'rule.villageMissing': { zh: '嘎查村 {code} 不在数据库中；请先导入嘎查村', en: 'village {code} is not in the database; import the villages first' },
  'rule.townshipMissing': { zh: '所属苏木乡镇 {code}（代码前 9 位）不在数据库中；请先导入苏木乡镇', en: 'its township {code} (the code\'s first 9 digits) is not in the database; import the townships first' },
  'rule.countyMissing': { zh: '所属旗县 {code}（代码前 6 位）不在数据库中；请先导入旗县', en: 'its county {code} (the code\'s first 6 digits) is not in the database; import the counties first' },
  'rule.outsideTownship': { zh: '位于所属苏木乡镇 {township} 之外 {distance}', en: 'lies {distance} outside its township {township}' },
  'rule.selfPairing': { zh: '嘎查村不能与自己结对', en: 'a village cannot pair with itself' },
  'rule.openPairing': { zh: '该帮扶方与此村已有未结束的结对', en: 'this helper already has an open pairing with this village' },
  'rule.needsVillageHelper': { zh: '{kind} 类型的结对须由嘎查村帮扶', en: 'a {kind} pairing needs a village as helper' },
  'rule.helperNoFigures': { zh: '嘎查村 {code} 没有 {year} 年的数据，无法认定为强村', en: 'village {code} has no figures for {year}, so it cannot be shown to be strong' },
  'rule.centreNotMember': { zh: '中心村须是成员村之一', en: 'the centre village must be a member' },
  'rule.fewMembers': { zh: '联合党委至少要有 2 个成员村', en: 'an alliance needs at least 2 member villages' },
  'rule.villageTwice': { zh: '同一个嘎查村列了两次', en: 'lists a village twice' },
  'rule.notAdjacent': { zh: '嘎查村 {code} 既不在中心村所在的苏木乡镇，也不在相邻的苏木乡镇', en: "village {code} is neither in the centre's township nor in an adjacent one" },
  'rule.inAlliance': { zh: '嘎查村 {code} 已属于联合党委 {alliance}', en: 'village {code} already belongs to alliance {alliance}' },
  'rule.decimals': { zh: '最多保留 2 位小数（{unit}）', en: 'must have at most 2 decimals ({unit})' },
  'rule.notEmpty': { zh: '不能为空', en: 'must not be empty' },
  'rule.sourcesSum': { zh: '各项资金来源合计 {sum}，与总投资 {total} 不符', en: 'the sources add up to {sum}, not {total}' },
  'rule.outsideVillageTownship': { zh: '位置须在嘎查村 {code} 所属的苏木乡镇（{township}）之内', en: 'must lie inside the township of village {code} ({township})' },
  'rule.needsEnterpriseHelper': { zh: 'ENTERPRISE_VILLAGE（村企结对）类型的结对须由企业帮扶', en: 'an ENTERPRISE_VILLAGE pairing needs an enterprise as helper' },
  'rule.unitKindNeeded': { zh: '不能为空：单位“{unit}”尚不在数据库中，须填写其类型（GOVERNMENT 机关、ENTERPRISE 企业或 INSTITUTION 事业单位）', en: 'is empty: unit "{unit}" is not in the database yet, so its kind is needed (GOVERNMENT, ENTERPRISE or INSTITUTION)' },
  'rule.memberInRow': { zh: '嘎查村 {code} 已是第 {row} 行联合党委的成员村', en: 'village {code} is already a member of the alliance in row {row}' },
  'rule.notInCounty': { zh: '嘎查村 {code} 不在旗县 {county} 内', en: 'village {code} is not in county {county}' },
  'rule.withinAssignment': { zh: '须在选派期 {start}–{end} 年之内', en: "must be within the assignment's period {start}–{end}" },
  'rule.withinOpenAssignment': { zh: '不能早于选派开始的 {start} 年', en: "must be within the assignment's period {start}–open" },
  'rule.outsideCounty': { zh: '该苏木乡镇有 {share} % 位于所属旗县 {county} 之外', en: '{share} % of the township lies outside its county {county}' },

  // ── columns and rows ──────────────────────────────────────────────────
  'column.missing': {
    zh: '找不到此列（查找的表头：{names}）；可用 --field {field}=<表头> 指定',
    en: 'no column for it (looked for {names}); name the column with --field {field}=<header>',
  },
  'rowUnit.row': { zh: '行', en: 'row' },
  'rowUnit.feature': { zh: '个要素', en: 'feature' },
  'row.duplicate': { zh: '{key} 重复出现（首次在第 {first} {unit}）', en: '{key} is listed twice (first at {unit} {first})' },

  // ── what the readers noticed (notes, not problems) ─────────────────────
  'note.headerRow': { zh: '第 {row} 行作为表头', en: 'row {row} taken as the header' },
  'note.headerRowSkipped': { zh: '第 {row} 行作为表头（其上 {skipped} 行是标题或说明，已跳过）', en: 'row {row} taken as the header (the {skipped} row(s) above it are titles or notes, skipped)' },
  'note.headerRows': { zh: '第 {first}–{last} 行作为表头（两行表头已合并为一行：下行名称优先，空处取上行）', en: 'rows {first}–{last} taken as the header (a two-row header, read as one: the lower name, the upper where the lower is empty)' },
  'note.tableUnit': { zh: '“{header}”未写单位，按表头上方的“单位：{unit}”读取', en: '"{header}" states no unit: read in {unit}, as the line above the header says' },
  'note.totalRow': { zh: '第 {row} 行是“{text}”行，已跳过（合计由系统计算）', en: 'row {row} is a total row ("{text}"), skipped (the hub computes totals)' },
  'note.footerRow': { zh: '第 {row} 行是表格下方的注释或签名行，已跳过', en: 'row {row} is a note or signature line under the table, skipped' },
  'note.unitConverted': { zh: '“{header}”按 {unit} 读取，已换算为 {expected}', en: '"{header}" read in {unit}, converted to {expected}' },

  // ── the file as a whole ───────────────────────────────────────────────
  'file.headerRowEmpty': { zh: '第 {row} 行是空行或超出了文件，不能作为表头', en: 'row {row} is empty or beyond the file, so it cannot be the header' },
  'file.empty': { zh: '文件是空的', en: 'the file is empty' },
  'file.sheetEmpty': { zh: '第一个工作表是空的', en: 'the first worksheet is empty' },

  // ── reported area figures (county-figures, township-figures) ──────────
  'reported.countyMissing': { zh: '旗县 {code} 不在数据库中：请先导入旗县（--kind counties）', en: 'county {code} is not in the database; import the counties first (--kind counties)' },
  'reported.townshipMissing': { zh: '苏木乡镇 {code} 不在数据库中：请先导入苏木乡镇（--kind townships）', en: 'township {code} is not in the database; import the townships first (--kind townships)' },
  'reported.notCount': { zh: '须是 0 或正整数，收到 {value}', en: 'must be a whole number, 0 or more; got {value}' },
  'reported.incomeNegative': { zh: '须是 0 或更多（万元），收到 {value}', en: 'must be 0 or more (万元); got {value}' },
  'reported.incidenceRange': { zh: '贫困发生率须在 0 到 100（%）之间，收到 {value}', en: 'poverty incidence must be from 0 to 100 (%); got {value}' },
  'reported.incidenceOnly': { zh: '只有贫困发生率无法得出人数：请同时给出贫困人口或农村人口', en: 'the incidence alone gives no counts: give the poor or the rural population too' },
  'reported.noPopulation': { zh: '须给出贫困人口和农村人口（或其中之一与贫困发生率）', en: 'give the poor and the rural population (or one of them and the poverty incidence)' },
  'reported.ruralMissing': { zh: '缺少农村人口：请给出农村人口，或给出贫困发生率以推算', en: 'no rural population: give it, or the poverty incidence to derive it' },
  'reported.poorMissing': { zh: '缺少贫困人口：请给出贫困人口，或给出贫困发生率以推算', en: 'no poor population: give it, or the poverty incidence to derive it' },
  'reported.zeroIncidence': { zh: '贫困发生率为 0 时无法由贫困人口推算农村人口：请给出农村人口', en: 'an incidence of 0 cannot give the rural population from the poor population: give the rural population' },
  'reported.incidenceMismatch': {
    zh: '贫困发生率 {rate}% 与 贫困人口 {poor} ÷ 农村人口 {rural} = {exact}% 不符',
    en: 'poverty incidence {rate}% does not agree with poor population {poor} ÷ rural population {rural} = {exact}%',
  },
  'reported.poorAboveRural': { zh: '贫困人口 {poor} 不能多于农村人口 {rural}', en: 'poor population {poor} exceeds rural population {rural}' },
  'reported.poorHouseholdsAboveHouseholds': { zh: '贫困户数 {poorHouseholds} 不能多于户数 {households}', en: 'poor households {poorHouseholds} exceed households {households}' },
  'reported.poorHouseholdsAbovePoor': {
    zh: '贫困户数 {poorHouseholds} 不能多于贫困人口 {poor}（每户至少一人）',
    en: 'poor households {poorHouseholds} exceed poor population {poor} (each poor household has at least one poor person)',
  },

  // ── the report ────────────────────────────────────────────────────────
  'report.title': { zh: '从 {file} 导入{kind}（{format}）', en: 'import {kind} from {file} ({format})' },
  'report.read': {
    zh: '读取 {read} {unit}，用时 {seconds} 秒（每秒 {rate} {unit}）；拒绝 {rejected} {unit}；修复 {repaired} {unit}',
    en: 'read {read} {unit}s in {seconds} s ({rate}/s); rejected {rejected}; repaired {repaired}',
  },
  'report.counts': { zh: '新增 {inserted}，更新 {updated}，未变 {unchanged}', en: '{inserted} inserted, {updated} updated, {unchanged} unchanged' },
  'report.result': { zh: '结果：{outcome}', en: 'result: {outcome}' },
  'report.dryRun': { zh: '试运行，未写入；实际导入将会{counts}', en: 'dry run, nothing written; it would give {counts}' },
  'report.nothingWritten': {
    zh: '未写入任何数据（全部成功才写入）：请修正下列各行，或加 --skip-invalid 只写入其余各行',
    en: 'nothing written (all-or-nothing): fix the rows below, or pass --skip-invalid to write the others',
  },
  'report.notes': { zh: '说明（{count} 条）：', en: 'notes ({count}):' },
  'report.rejected': { zh: '拒绝（{count} 个问题）：', en: 'rejected ({count} problems):' },
  'report.repaired': { zh: '已修复（{count}）：', en: 'repaired ({count}):' },
  'report.moreProblems': { zh: '另有 {count} 个问题未列出', en: '{count} more problems not listed' },
  'cli.throughHub': { zh: '服务正在运行（{url}）：文件经由服务导入，无需停止服务', en: 'the hub is running ({url}): the file is imported through it, no need to stop it' },
  'report.written': { zh: '报告已写入 {path}', en: 'report written to {path}' },
  'report.moreLines': { zh: '… 另有 {count} 行见报告文件', en: '… {count} more lines in the report file' },
  'report.cannotWrite': { zh: '无法把报告写入 {path}（{error}）；请用 --report <路径> 指定', en: 'cannot write the report to {path} ({error}); pass --report <path>' },

  // ── boundaries ────────────────────────────────────────────────────────
  'geometry.invalid': {
    zh: '边界不是有效多边形（{reason}）；加 --repair 可用 ST_MakeValid 修复，报告会列出面积变化',
    en: 'is not a valid polygon ({reason}); pass --repair to fix it with ST_MakeValid (the report gives the change in area)',
  },
  'geometry.unrepairable': { zh: '边界不是有效多边形（{reason}），ST_MakeValid 修复后没有剩下面积', en: 'is not a valid polygon ({reason}) and ST_MakeValid leaves no area of it' },
  'geometry.repaired': {
    zh: '边界已用 ST_MakeValid 修复（原问题：{reason}）；面积 {before} m² → {after} m²（{delta} m²，{share} %）',
    en: 'repaired with ST_MakeValid (was: {reason}); area {before} m² → {after} m² ({delta} m², {share} %)',
  },
  'geometry.repairedFromZero': {
    zh: '边界已用 ST_MakeValid 修复（原问题：{reason}）；面积 {before} m² → {after} m²（{delta} m²）',
    en: 'repaired with ST_MakeValid (was: {reason}); area {before} m² → {after} m² ({delta} m²)',
  },
  'county.prefectureMissing': {
    zh: '所属盟市 {prefecture}（代码前 4 位）不在数据库中；加 --prefecture-name <名称> 新建该盟市',
    en: "its prefecture {prefecture} (the code's first 4 digits) is not in the database; pass --prefecture-name <name> to create it",
  },
  'township.countyMissing': {
    zh: '所属旗县 {county}（代码前 6 位）不在数据库中；请先导入旗县',
    en: "its county {county} (the code's first 6 digits) is not in the database; import the counties first",
  },
  'township.outsideCounty': { zh: '有 {share} % 的面积在所属旗县 {county} 之外', en: '{share} % of the township lies outside its county {county}' },
  'crs.gcj02': { zh: 'GCJ-02（高德、腾讯、阿里云 DataV 等网络地图的“火星坐标”）', en: 'GCJ-02 (the "Mars coordinates" of AMap, Tencent, Aliyun DataV and other web maps)' },
  'crs.bd09': { zh: 'BD-09（百度地图坐标）', en: 'BD-09 (Baidu Maps coordinates)' },
  'warning.crsShift': {
    zh: '坐标疑似 {crsName}，而不是 WGS-84：与库中已有的 {count} 个同代码边界相比，整体偏移约 {offset} 米；按 {crs} 换算后只差约 {left} 米。请核实来源后加 --crs {flag} 重新导入（换算为 WGS-84）',
    en: 'the coordinates look like {crsName}, not WGS-84: against the {count} boundaries stored under the same codes they sit about {offset} m off; converted from {crs} they are about {left} m off. Check the source, then import again with --crs {flag} (converted to WGS-84)',
  },
  'report.warnings': { zh: '提醒（{count}）：', en: 'warnings ({count}):' },
  'warning.crsOutline': {
    zh: '坐标疑似 {crsName}，而不是 WGS-84：按原样，这 {count} 个{level}有 {outside} % 的面积落在库中所属{parentLevel}的边界之外；按 {crs} 换算后只有 {left} %。请核实来源后加 --crs {flag} 重新导入（换算为 WGS-84）',
    en: 'the coordinates look like {crsName}, not WGS-84: as they are, {outside} % of the area of these {count} {level} units lies outside the stored boundary of their {parentLevel}; converted from {crs}, {left} %. Check the source, then import again with --crs {flag} (converted to WGS-84)',
  },
  'level.prefecture': { zh: '盟市', en: 'prefecture' },
  'prefecture.demoHeld': {
    zh: '数据库中是演示地区 {demo}，而本文件的旗县属于另一个盟市 {incoming}。加 --replace-demo 先删除演示地区再导入（一并完成，写入审计日志），或加 --keep-demo 让两个地区并存（地图一次显示一个地区，默认代码较小的盟市，可在地图上切换）',
    en: 'the database holds the demo region {demo}, and the counties of this file belong to another prefecture, {incoming}. Pass --replace-demo to remove the demo region first (in the same transaction, audited), or --keep-demo to keep both (the atlas shows one region at a time, the lower code first, and offers the other)',
  },
  'prefecture.demoReplaced': { zh: '已删除演示地区 {demo} 及其下 {rows} 行数据，由 {incoming} 取代', en: 'removed the demo region {demo} and its {rows} rows; {incoming} replaces it' },

  // ── templates ─────────────────────────────────────────────────────────
  'template.written': { zh: '已写出 {kind} 模板：{files}', en: 'wrote the {kind} template: {files}' },
} as const satisfies Record<string, Entry>;

export type MessageCode = keyof typeof MESSAGES;
/** A record field as a parameter: written by its name in the message's language (fieldName). */
export interface FieldRef {
  field: string;
}
export type MessageParam = string | number | Message | FieldRef;
export type MessageParams = Readonly<Record<string, MessageParam>>;

export interface Message {
  code: MessageCode;
  params?: MessageParams;
}

/** Why something is wrong: a coded message, or free text (written as it is in every language). */
export type Reason = string | Message;

export const message = (code: MessageCode, params?: MessageParams): Message => (params ? { code, params } : { code });

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** A language from a label (zh, zh-CN, en, en-GB, 中文…); null when neither. */
export function langFromLabel(label: string | null | undefined): Lang | null {
  const l = (label ?? '').trim().toLowerCase();
  if (l.startsWith('zh') || l === '中文' || l === 'cn') return 'zh';
  if (l.startsWith('en') || l === 'english') return 'en';
  return null;
}

export function formatMessage(m: Message, lang: Lang = DEFAULT_LANG): string {
  const entry: Entry = MESSAGES[m.code];
  return entry[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const p = m.params?.[name];
    if (p === undefined) return whole;
    if (typeof p !== 'object') return String(p);
    return 'field' in p ? fieldName(p.field, lang) : formatMessage(p, lang);
  });
}

export function formatReason(r: Reason, lang: Lang = DEFAULT_LANG): string {
  return typeof r === 'string' ? r : formatMessage(r, lang);
}

/**
 * How a report names a record field when the file has no column for it (a
 * missing column, a geometry): Chinese as on the templates, English for
 * `--lang en`. Fields of every kind share one list: a field's name means the
 * same thing wherever it appears.
 */
export const FIELD_NAMES: Readonly<Record<string, Entry>> = {
  code: { zh: '代码', en: 'code' },
  name: { zh: '名称', en: 'name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  kind: { zh: '类型', en: 'kind' },
  boundary: { zh: '边界', en: 'boundary' },
  location: { zh: '位置', en: 'location' },
  lon: { zh: '经度', en: 'longitude' },
  lat: { zh: '纬度', en: 'latitude' },
  year: { zh: '年份', en: 'year' },
  startYear: { zh: '开始年份', en: 'start year' },
  endYear: { zh: '结束年份', en: 'end year' },
  exitedYear: { zh: '退出年份', en: 'exit year' },
  foundedYear: { zh: '成立年份', en: 'year founded' },
  prefectureName: { zh: '所属盟市', en: 'prefecture' },
  keyPoorCounty: { zh: '重点贫困县', en: 'key poor county' },
  countyCode: { zh: '旗县代码', en: 'county code' },
  townshipCode: { zh: '苏木乡镇代码', en: 'township code' },
  villageCode: { zh: '嘎查村代码', en: 'village code' },
  villageName: { zh: '嘎查村名称', en: 'village name' },
  isPoorVillage: { zh: '贫困村', en: 'registered poor village' },
  branchName: { zh: '党支部名称', en: 'party branch' },
  branchFocus: { zh: '支部类型', en: 'branch focus' },
  branchGovernance15: { zh: '1+5', en: '1+5 governance' },
  households: { zh: '户数', en: 'households' },
  ruralPopulation: { zh: '农村人口', en: 'rural population' },
  poorHouseholds: { zh: '贫困户数', en: 'poor households' },
  poorPopulation: { zh: '贫困人口', en: 'poor population' },
  povertyIncidence: { zh: '贫困发生率', en: 'poverty incidence' },
  collectiveIncome: { zh: '集体经济收入', en: 'collective income' },
  partyMembers: { zh: '党员数', en: 'party members' },
  memberPairings: { zh: '结对帮扶户数', en: 'member pairings' },
  secretaryIsDirector: { zh: '一肩挑', en: 'secretary is director' },
  softLax: { zh: '软弱涣散', en: 'soft and lax branch' },
  branchRating: { zh: '支部评级', en: 'branch rating' },
  centreVillageCode: { zh: '中心村代码', en: 'centre village code' },
  memberVillageCodes: { zh: '成员村代码', en: 'member village codes' },
  platformCompany: { zh: '平台公司', en: 'platform company' },
  helperVillageCode: { zh: '帮扶村代码', en: 'helper village code' },
  helperOrganisation: { zh: '帮扶企业', en: 'helper enterprise' },
  helpedVillageCode: { zh: '受帮扶村代码', en: 'helped village code' },
  type: { zh: '产业类型', en: 'industry' },
  operator: { zh: '经营主体', en: 'operator' },
  investmentTotal: { zh: '总投资', en: 'total investment' },
  investmentFiscal: { zh: '财政资金', en: 'fiscal funds' },
  investmentAssisting: { zh: '帮扶资金', en: 'assisting funds' },
  investmentCollective: { zh: '村集体资金', en: 'collective funds' },
  investmentEnterprise: { zh: '企业资金', en: 'enterprise funds' },
  investmentOther: { zh: '其他资金', en: 'other funds' },
  beneficiaryHouseholds: { zh: '受益户数', en: 'beneficiary households' },
  beneficiaryPoorHouseholds: { zh: '受益贫困户数', en: 'beneficiary poor households' },
  unit: { zh: '帮扶单位', en: 'assisting unit' },
  funds: { zh: '年度资金', en: 'funds by year' },
  committed: { zh: '承诺资金', en: 'committed funds' },
  projectId: { zh: '项目编号', en: 'project id' },
  projectName: { zh: '项目名称', en: 'project name' },
  stage: { zh: '阶段', en: 'stage' },
  causes: { zh: '致贫原因', en: 'causes of poverty' },
  inspectedOn: { zh: '督查日期', en: 'inspection date' },
  inspectingUnit: { zh: '督查单位', en: 'inspecting unit' },
  placeCode: { zh: '被督查单位代码', en: 'inspected place code' },
  category: { zh: '问题类别', en: 'category' },
  description: { zh: '问题描述', en: 'description' },
  responsibleUnit: { zh: '责任单位', en: 'responsible unit' },
  deadline: { zh: '整改时限', en: 'deadline' },
  rectifiedOn: { zh: '整改完成日期', en: 'rectified on' },
  evidence: { zh: '整改佐证', en: 'evidence' },
};

/** A record field as a person reads it; a file's own header (or an unknown field) as it is. */
export function fieldName(field: string, lang: Lang = DEFAULT_LANG): string {
  return FIELD_NAMES[field]?.[lang] ?? field;
}

/** What a kind of import is called in a report. */
export const KIND_NAMES: Readonly<Record<string, Entry>> = {
  counties: { zh: '旗县', en: 'counties' },
  townships: { zh: '苏木乡镇', en: 'townships' },
  villages: { zh: '嘎查村', en: 'villages' },
  figures: { zh: '嘎查村年度数据', en: 'village figures' },
  alliances: { zh: '联合党委', en: 'alliances' },
  pairings: { zh: '结对帮扶', en: 'pairings' },
  projects: { zh: '产业项目', en: 'industry projects' },
  units: { zh: '定点帮扶单位', en: 'assisting units' },
  progress: { zh: '项目进度', en: 'project progress' },
  causes: { zh: '致贫原因', en: 'causes of poverty' },
  findings: { zh: '督查问题', en: 'inspection findings' },
  'county-figures': { zh: '旗县报送数据', en: 'county figures (reported)' },
  'township-figures': { zh: '苏木乡镇报送数据', en: 'township figures (reported)' },
};

export function kindName(kind: string, lang: Lang = DEFAULT_LANG): string {
  return KIND_NAMES[kind]?.[lang] ?? kind;
}

/** How a report counts rows: 行 / 个要素 in Chinese, row / feature in English. */
export function unitName(unit: 'row' | 'feature', lang: Lang = DEFAULT_LANG): string {
  if (lang === 'en') return unit;
  return unit === 'row' ? '行' : '个要素';
}
