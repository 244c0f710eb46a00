/** 督查整改 in GraphQL: visits, their findings judged as of a day, the place inspected, counts per status. */
import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import type { Point } from 'geojson';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FINDING_CATEGORY_ZH, FINDING_STATUS_ZH, FindingCategory, FindingStatus } from '../../domain/inspection/enums.js';
import type { FindingCountsRow, FindingRow, InspectionRow, PlaceKind } from '../../domain/inspection/finding-sql.js';
import { rectifiedOnTime, type FindingStatus as FindingStatusName, type IsoDate } from '../../domain/inspection/finding-status.js';
import { GeoJSONScalar } from '../scalars/geojson.scalar.js';
import { PageType } from './page.js';
import { PlaceLevel } from './place.type.js';

const listed = (labels: Record<string, string>) => Object.entries(labels).map(([k, zh]) => `${k} (${zh})`).join(', ');
registerEnumType(FindingCategory, { name: 'FindingCategory', description: `What a finding is about (问题类别): ${listed(FINDING_CATEGORY_ZH)}.` });
registerEnumType(FindingStatus, {
  name: 'FindingStatus',
  description: `A finding's status on a day (整改状态): ${listed(FINDING_STATUS_ZH)}. RECTIFIED once rectified on or before that day; OVERDUE when still open after its deadline; OPEN otherwise.`,
});

@ObjectType('InspectedPlace', { description: 'The county, township or village (branch) a visit inspected (被督查单位), with a point for the map.' })
export class InspectedPlace {
  @Field(() => PlaceLevel, { description: 'County (旗县), township (苏木乡镇) or village (嘎查村).' })
  kind!: PlaceKind;
  @Field(() => String, { description: '12-digit statistical division code.' })
  code!: string;
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;
  @Field(() => String, { description: 'The county it lies in (所属旗县), 12-digit code; rights to change follow it.' })
  countyCode!: string;
  @Field(() => String, { description: 'Name of that county in Chinese.' })
  countyName!: string;
  @Field(() => String, { description: 'Name of that county in English or pinyin.' })
  countyNameEn!: string;
  @Field(() => GeoJSONScalar, { description: 'Where the map shows it (Point, WGS-84): the village, or a point on the township\'s or county\'s surface.' })
  point!: Point;

  static from(r: InspectionRow): InspectedPlace {
    return Object.assign(new InspectedPlace(), {
      kind: r.place_kind, code: r.place_code, name: r.place_name, nameEn: r.place_name_en,
      countyCode: r.county_code, countyName: r.county_name, countyNameEn: r.county_name_en,
      point: { type: 'Point', coordinates: [r.lon, r.lat] },
    });
  }
}

@ObjectType('Finding', { description: 'A problem an inspection found (督查问题), who must rectify it and by when, judged as of a day (`asOf`).' })
export class FindingView {
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;
  @Field(() => Int, { description: 'Row version for optimistic concurrency: send it back with a change; a stale one is refused with CONFLICT.' })
  version!: number;
  @Field(() => FindingCategory, { description: 'Category (问题类别).' })
  category!: FindingCategory;
  @Field(() => String, { description: 'What was found (问题描述).' })
  description!: string;
  @Field(() => String, { description: 'The unit that must rectify it (责任单位).' })
  responsibleUnit!: string;
  @Field(() => String, { description: 'Deadline for rectification (整改时限), yyyy-mm-dd.' })
  deadline!: IsoDate;
  @Field(() => String, { nullable: true, description: 'Day rectified (整改完成日期), yyyy-mm-dd; null while not rectified as of `asOf`.' })
  rectifiedOn!: IsoDate | null;
  @Field(() => String, { nullable: true, description: 'Evidence of the rectification (整改佐证); null while not rectified as of `asOf`.' })
  evidence!: string | null;
  @Field(() => FindingStatus, { description: 'Status as of `asOf` (整改状态).' })
  status!: FindingStatusName;
  @Field(() => Boolean, { nullable: true, description: 'Rectified by its deadline, the deadline day included (按期整改); null while not rectified as of `asOf`.' })
  rectifiedOnTime!: boolean | null;
  @Field(() => String, { description: 'The day the status is judged on (截至日期), yyyy-mm-dd.' })
  asOf!: IsoDate;
  @Field(() => InspectionView, { description: 'The visit that found it (督查).' })
  inspection!: InspectionView;

  static from(r: FindingRow, asOf: IsoDate, inspection: InspectionView): FindingView {
    const rectified = r.status === 'RECTIFIED';
    return Object.assign(new FindingView(), {
      id: r.id, version: r.version, category: r.category, description: r.description, responsibleUnit: r.responsible_unit,
      deadline: r.deadline, rectifiedOn: rectified ? r.rectified_on : null, evidence: rectified ? r.evidence : null,
      status: r.status, rectifiedOnTime: rectified ? rectifiedOnTime(r.deadline, r.rectified_on) : null, asOf, inspection,
    });
  }
}

@ObjectType('Inspection', { description: 'An inspection visit (督查): when, by which unit, to which county, township or village, and what it found.' })
export class InspectionView {
  @Field(() => Int, { description: 'Identifier.' })
  id!: number;
  @Field(() => Int, { description: 'Row version for optimistic concurrency (send it back to delete the visit).' })
  version!: number;
  @Field(() => String, { description: 'Day of the visit (督查日期), yyyy-mm-dd.' })
  inspectedOn!: IsoDate;
  @Field(() => String, { description: 'The inspecting unit (督查单位), e.g. 盟委督查室.' })
  inspectingUnit!: string;
  @Field(() => String, { nullable: true, description: 'Note (备注).' })
  note!: string | null;
  @Field(() => InspectedPlace, { description: 'The place inspected (被督查单位).' })
  place!: InspectedPlace;
  /** Filled by the resolver that reads the visit; read through InspectionViewResolver.findings. */
  findingRows?: FindingRow[];
  findingsAsOf!: IsoDate;

  static from(r: InspectionRow, findingsAsOf: IsoDate): InspectionView {
    return Object.assign(new InspectionView(), { id: r.id, version: r.version, inspectedOn: r.inspected_on, inspectingUnit: r.inspecting_unit, note: r.note, place: InspectedPlace.from(r), findingsAsOf });
  }
}

@ObjectType('FindingCounts', { description: 'An area\'s findings of a year by status as of a day (督查问题统计): the year\'s findings are those raised by then and not rectified before the year began.' })
export class FindingCounts {
  @Field(() => String, { description: 'The day the statuses are judged on (截至日期), yyyy-mm-dd.' })
  asOf!: IsoDate;
  @Field(() => Int, { description: 'Open, within the deadline (未整改).' })
  open!: number;
  @Field(() => Int, { description: 'Open past the deadline (已逾期).' })
  overdue!: number;
  @Field(() => Int, { description: 'Rectified (已整改).' })
  rectified!: number;
  @Field(() => Int, { description: 'Of the rectified, rectified by the deadline (按期整改).' })
  rectifiedOnTime!: number;
  @Field(() => Int, { description: 'Of the rectified, rectified after the deadline (逾期整改).' })
  rectifiedLate!: number;
  @Field(() => Int, { description: 'All of the year\'s findings (问题总数).' })
  total!: number;

  static from(r: FindingCountsRow, asOf: IsoDate): FindingCounts {
    return Object.assign(new FindingCounts(), {
      asOf, open: r.open, overdue: r.overdue, rectified: r.rectified, rectifiedOnTime: r.rectified_on_time,
      rectifiedLate: r.rectified - r.rectified_on_time, total: r.open + r.overdue + r.rectified,
    });
  }
}

export const FindingPage = PageType(FindingView, 'Finding', 'findings');
export const InspectionPage = PageType(InspectionView, 'Inspection', 'inspection visits');

@InputType('FindingInput', { description: 'A finding as recorded (督查问题).' })
export class FindingInput {
  @Field(() => FindingCategory, { description: 'Category (问题类别).' })
  category!: FindingCategory;
  @Field(() => String, { description: 'What was found (问题描述).' })
  @MaxLength(2000)
  description!: string;
  @Field(() => String, { description: 'The unit that must rectify it (责任单位).' })
  @MaxLength(200)
  responsibleUnit!: string;
  @Field(() => String, { description: 'Deadline (整改时限), yyyy-mm-dd, not before the visit.' })
  deadline!: IsoDate;
  @Field(() => String, { nullable: true, description: 'Day rectified (整改完成日期), yyyy-mm-dd: not before the visit, not in the future; needs `evidence`.' })
  rectifiedOn?: IsoDate | null;
  @Field(() => String, { nullable: true, description: 'Evidence of the rectification (整改佐证).' })
  @IsOptional()
  @MaxLength(2000)
  evidence?: string | null;
}

@InputType('InspectionInput', { description: 'An inspection visit with its findings (督查记录).' })
export class InspectionInput {
  @Field(() => String, { description: 'Day of the visit (督查日期), yyyy-mm-dd.' })
  inspectedOn!: IsoDate;
  @Field(() => String, { description: 'The inspecting unit (督查单位).' })
  @MaxLength(200)
  inspectingUnit!: string;
  @Field(() => String, { description: 'Code of the county, township or village inspected (被督查单位代码), 12 digits.' })
  @Length(12, 12)
  placeCode!: string;
  @Field(() => String, { nullable: true, description: 'Note (备注).' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
  @Field(() => [FindingInput], { description: 'What the visit found; may be empty.' })
  @ValidateNested()
  findings!: FindingInput[];
}
