/**
 * Revoking tokens (吊销令牌): an admin names a token by its id (the `jti`
 * claim, which `pnpm run token` and createEmbedToken report) or hands over the
 * token itself (e.g. an embed link found where it should not be). Every
 * replica refuses it at once (auth/revocations.ts). Audited.
 */
import { Arg, Ctx, Field, GraphQLISODateTime, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { audit } from '../../domain/audit/audit.service.js';
import { REVOKED_TABLE } from '../../auth/revocations.js';
import { describeToken } from '../../auth/tokens.js';
import { requireRole } from '../auth.js';
import type { Context } from '../context.js';
import { ApiError, ErrorCode } from '../errors.js';

const TOKEN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_REASON = 500;

@ObjectType({ description: 'A revoked token (已吊销令牌): refused by the hub whatever its signature and expiry say.' })
export class RevokedToken {
  @Field(() => String, { description: 'The token\'s id (its `jti` claim).' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was revoked (UTC).' })
  revokedAt!: Date;

  @Field(() => String, { description: 'Who revoked it: the admin token\'s subject.' })
  revokedBy!: string;

  @Field(() => String, { description: 'Why (吊销原因).' })
  reason!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the token would have expired anyway, when known (revoked by the token itself).' })
  expiresAt!: Date | null;
}

interface Row {
  token_id: string;
  revoked_at: Date | string;
  revoked_by: string;
  reason: string;
  expires_at: Date | string | null;
}

function revoked(r: Row): RevokedToken {
  return { id: r.token_id, revokedAt: new Date(r.revoked_at), revokedBy: r.revoked_by, reason: r.reason, expiresAt: r.expires_at === null ? null : new Date(r.expires_at) };
}

/** The id and expiry of what the admin named: an id, or a token to read them from. */
function target(id: string | null | undefined, token: string | null | undefined): { id: string; expiresAt: Date | null } {
  if ((id == null) === (token == null)) throw ApiError.badInput('name the token to revoke by its id or by the token itself, one of the two', id == null ? 'id' : 'token');
  if (id != null) {
    if (!TOKEN_ID.test(id)) throw ApiError.badInput('id must be a token id: 1 to 64 letters, digits, _ or - (pnpm run token and createEmbedToken report it)', 'id');
    return { id, expiresAt: null };
  }
  let described: ReturnType<typeof describeToken>;
  try {
    described = describeToken(token!.replace(/^Bearer\s+/i, '').trim());
  } catch {
    throw ApiError.badInput('token is not a token (three base64url parts separated by dots)', 'token');
  }
  if (described.id === null || !TOKEN_ID.test(described.id)) {
    throw ApiError.badInput('this token has no id, so it cannot be revoked alone; retire the key that signed it (pnpm run token --retire) to end it', 'token');
  }
  return { id: described.id, expiresAt: described.expiresAt };
}

@Resolver()
export class TokenRevocationResolver {
  @Mutation(() => RevokedToken, {
    description: 'Revoke a token (吊销令牌), named by its id or given whole: every replica refuses it from now on. Needs role admin; audited.',
  })
  async revokeToken(
    @Arg('reason', () => String, { description: `Why, 1 to ${MAX_REASON} characters (kept in the list and the audit trail).` }) reason: string,
    @Arg('id', () => String, { nullable: true, description: 'The token\'s id (its `jti` claim).' }) id: string | null | undefined,
    @Arg('token', () => String, { nullable: true, description: 'The token itself, when its id is not at hand.' }) token: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RevokedToken> {
    const principal = requireRole(ctx.principal, 'admin', 'revokeToken');
    const why = reason.trim();
    if (why.length < 1 || why.length > MAX_REASON) throw ApiError.badInput(`reason must have 1 to ${MAX_REASON} characters`, 'reason');
    const t = target(id, token);
    return ctx.em.transactional(async (em) => {
      const [row] = (await em.execute(
        `insert into ${REVOKED_TABLE} (token_id, revoked_by, reason, expires_at) values (?, ?, ?, ?) on conflict (token_id) do nothing returning *`,
        [t.id, principal.subject, why, t.expiresAt],
      )) as Row[];
      if (!row) throw new ApiError(ErrorCode.CONFLICT, `token "${t.id}" is already revoked`, { id: t.id });
      const after = revoked(row);
      audit(em, principal, { action: 'revokeToken', entity: 'Token', entityId: t.id, countyCode: null, before: null, after: { ...after } });
      return after;
    });
  }

  @Query(() => [RevokedToken], { description: 'Revoked tokens (已吊销令牌), the latest first. Needs role admin.' })
  async revokedTokens(
    @Arg('limit', () => Int, { defaultValue: 100, description: 'How many, 1 to 1000.' }) limit: number,
    @Ctx() ctx: Context,
  ): Promise<RevokedToken[]> {
    requireRole(ctx.principal, 'admin', 'revokedTokens');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw ApiError.badInput(`limit must be from 1 to 1000, got ${limit}`, 'limit');
    const rows = (await ctx.em.execute(`select * from ${REVOKED_TABLE} order by revoked_at desc, token_id limit ?`, [limit])) as Row[];
    return rows.map(revoked);
  }
}
