/**
 * Read-only tokens for embedded maps (`/embed?token=…`) on hubs that do not
 * let anonymous users read (PUBLIC_READ=false). An analyst mints one for a
 * report or portal; it reads like a viewer, never writes, and expires.
 */
import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { MAX_DAYS as TOKEN_MAX_DAYS } from '../../auth/tokens.js';
import { requireRole } from '../auth.js';
import { ApiError } from '../errors.js';
import type { Context } from '../context.js';

const MAX_DAYS = TOKEN_MAX_DAYS.viewer;

@ObjectType({ description: 'A read-only token for embedded map views (嵌入地图令牌).' })
export class EmbedToken {
  @Field(() => String, { description: 'The token: put it in the embed link as `token=` (or send it as "Authorization: Bearer <token>").' })
  token!: string;

  @Field(() => String, { description: 'When it stops working (ISO 8601, UTC).' })
  expiresAt!: string;

  @Field(() => String, { description: 'Who it was minted for, as recorded in the token and the request logs.' })
  subject!: string;
}

@Resolver()
export class EmbedTokenResolver {
  @Mutation(() => EmbedToken, {
    description: `Mint a read-only token for embedded maps, valid for 1 to ${MAX_DAYS} days. Needs role analyst.`,
  })
  async createEmbedToken(
    @Arg('label', () => String, { description: 'What the embed is for (e.g. the report\'s name), 1 to 80 characters.' }) label: string,
    @Arg('days', () => Int, { defaultValue: 30, description: `Lifetime in days, 1 to ${MAX_DAYS}.` }) days: number,
    @Ctx() ctx: Context,
  ): Promise<EmbedToken> {
    const principal = requireRole(ctx.principal, 'analyst', 'createEmbedToken');
    const name = label.trim();
    if (name.length < 1 || name.length > 80) throw ApiError.badInput('label must have 1 to 80 characters', 'label');
    if (days < 1 || days > MAX_DAYS) throw ApiError.badInput(`days must be from 1 to ${MAX_DAYS}, got ${days}`, 'days');
    if (!ctx.mint) throw new Error('this server cannot mint tokens');
    const subject = `embed:${name} (by ${principal.subject})`;
    const token = await ctx.mint({ subject, role: 'viewer', days });
    return { token, subject, expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() };
  }
}
