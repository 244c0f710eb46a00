/**
 * Read-only tokens for embedded maps (`/embed?token=…`) on hubs that do not
 * let anonymous users read (PUBLIC_READ=false). An analyst mints one for a
 * report or portal; it is an embed token (auth/tokens.ts): it reads like a
 * viewer, never writes, and expires soon (30 days unless asked otherwise,
 * 90 at most). An admin revokes it by its id. (Not limited to counties:
 * reads are not scoped by county, so such a limit would promise nothing.)
 */
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
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
}

@Resolver()
export class EmbedTokenResolver {
  @Mutation(() => EmbedToken, {
    description: `Mint a read-only token for embedded maps (嵌入地图令牌), valid for 1 to ${MAX_DAYS} days (${EMBED_DEFAULT_DAYS} by default). Needs role analyst.`,
  })
  async createEmbedToken(
    @Arg('label', () => String, { description: 'What the embed is for (e.g. the report\'s name), 1 to 80 characters.' }) label: string,
    @Arg('days', () => Int, { defaultValue: EMBED_DEFAULT_DAYS, description: `Lifetime in days, 1 to ${MAX_DAYS}.` }) days: number,
    @Ctx() ctx: Context,
  ): Promise<EmbedToken> {
    const principal = requireRole(ctx.principal, 'analyst', 'createEmbedToken');
    const name = label.trim();
    if (name.length < 1 || name.length > 80) throw ApiError.badInput('label must have 1 to 80 characters', 'label');
    if (days < 1 || days > MAX_DAYS) throw ApiError.badInput(`days must be from 1 to ${MAX_DAYS}, got ${days}`, 'days');
    if (!ctx.mint) throw new Error('this server cannot mint tokens');
    const subject = `embed:${name} (by ${principal.subject})`;
    const token = await ctx.mint({ subject, role: 'viewer', days, embed: true });
    const { id, expiresAt } = describeToken(token);
    return { token, subject, id: id!, expiresAt: (expiresAt ?? new Date(Date.now() + days * 86_400_000)).toISOString() };
  }
}
