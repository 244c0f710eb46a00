/**
 * Read-only tokens for embedded maps (`/embed?token=…`) on hubs that do not
 * let anonymous users read (PUBLIC_READ=false). An analyst mints one for a
 * report or portal; it is an embed token (auth/tokens.ts): it reads like a
 * viewer, never writes, and expires soon (30 days unless asked otherwise,
 * 90 at most). An admin revokes it by its id. Given `counties`, it reads
 * only those counties (lists, maps, tiles; a lookup outside is NOT_FOUND)
 * and no figure above county level (FORBIDDEN naming the counties).
 */
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { County } from '../../domain/entities.js';
import { EMBED_DEFAULT_DAYS, EMBED_MAX_DAYS as MAX_DAYS, describeToken } from '../../auth/tokens.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import type { Context } from '../context.js';

@ObjectType({ description: 'A read-only token for embedded map views (嵌入地图令牌).' })
export class EmbedToken {
  @Field(() => String, { description: 'The token: put it in the embed link as `token=` (or send it as "Authorization: Bearer <token>").' })
  token!: string;

  @Field(() => String, { description: 'When it stops working (ISO 8601, UTC).' })
  expiresAt!: string;

  @Field(() => String, { description: 'Who it was minted for, as recorded in the token and the request logs.' })
  subject!: string;

  @Field(() => String, { description: 'The token\'s id (令牌编号): what an admin revokes it by (revokeToken).' })
  id!: string;

  @Field(() => [String], { nullable: true, description: 'The counties it reads (限定旗县), 12-digit codes; null: the whole prefecture.' })
  counties!: string[] | null;
}

/** At most this many counties on one embed token (a prefecture has a dozen or two). */
const MAX_COUNTIES = 50;

@Resolver()
export class EmbedTokenResolver {
  @Mutation(() => EmbedToken, {
    description: `Mint a read-only token for embedded maps (嵌入地图令牌), valid for 1 to ${MAX_DAYS} days (${EMBED_DEFAULT_DAYS} by default). Needs role analyst.`,
  })
  async createEmbedToken(
    @Arg('label', () => String, { description: 'What the embed is for (e.g. the report\'s name), 1 to 80 characters.' }) label: string,
    @Arg('days', () => Int, { defaultValue: EMBED_DEFAULT_DAYS, description: `Lifetime in days, 1 to ${MAX_DAYS}.` }) days: number,
    @Ctx() ctx: Context,
    @Arg('counties', () => [String], {
      nullable: true,
      description: `Limit it to these counties (限定旗县, 12-digit codes of held counties, 1 to ${MAX_COUNTIES}): it then reads only them, and figures above county level (prefecture summary, trends, KPIs) are refused with FORBIDDEN.`,
    })
    counties?: string[] | null,
  ): Promise<EmbedToken> {
    const principal = requireRole(ctx.principal, 'analyst', 'createEmbedToken');
    const name = label.trim();
    if (name.length < 1 || name.length > 80) throw ApiError.badInput('label must have 1 to 80 characters', 'label');
    if (days < 1 || days > MAX_DAYS) throw ApiError.badInput(`days must be from 1 to ${MAX_DAYS}, got ${days}`, 'days');
    const limited = counties == null ? null : [...new Set(counties)].sort();
    if (limited !== null) await checkCounties(ctx, limited);
    if (!ctx.mint) throw new Error('this server cannot mint tokens');
    const subject = `embed:${name} (by ${principal.subject})`;
    const token = await ctx.mint({ subject, role: 'viewer', days, embed: true, counties: limited });
    const { id, expiresAt } = describeToken(token);
    return { token, subject, id: id!, counties: limited, expiresAt: (expiresAt ?? new Date(Date.now() + days * 86_400_000)).toISOString() };
  }
}

/** The counties asked for: 1 to MAX_COUNTIES 12-digit codes of counties the database holds (BAD_USER_INPUT naming the first that is not). */
async function checkCounties(ctx: Context, codes: string[]): Promise<void> {
  if (codes.length < 1 || codes.length > MAX_COUNTIES) throw ApiError.badInput(`counties: 1 to ${MAX_COUNTIES} county codes, got ${codes.length} / 限定旗县须为 1 至 ${MAX_COUNTIES} 个`, 'counties');
  const malformed = codes.find((c) => !/^\d{6}0{6}$/.test(c));
  if (malformed !== undefined) throw ApiError.badInput(`旗县代码“${malformed}”须为12位数字、后6位为0 / "${malformed}" is not a county code (12 digits ending in 000000)`, 'counties');
  const held = new Set((await ctx.em.find(County, { code: { $in: codes } }, { fields: ['code'] })).map((c) => c.code));
  const unknown = codes.find((c) => !held.has(c));
  if (unknown !== undefined) throw ApiError.badInput(`本库没有旗县“${unknown}” / no county "${unknown}" is held`, 'counties');
}
