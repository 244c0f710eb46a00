/**
 * Which prefecture the hub shows when the database holds more than one (a
 * bureau's own region kept beside the demo region with --keep-demo): the one
 * with the lowest code, always the same one whatever order the rows were
 * written in. Real codes (15xx… in Inner Mongolia) sort before the demo
 * region's 1599…, so a bureau's region wins over the demo. Pass as the
 * options of `em.find(Prefecture, {}, CHOSEN_PREFECTURE)`.
 */
import { QueryOrder } from '@mikro-orm/core';

export const CHOSEN_PREFECTURE = { orderBy: { code: QueryOrder.ASC }, limit: 1 } as const;
