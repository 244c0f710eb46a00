import { Migration } from '@mikro-orm/migrations';

/**
 * Revoked tokens, by token id (the `jti` claim): a token named here is
 * refused by every replica. The change trigger (as Migration20261127000006)
 * tells each hub's revocation list to read the table again at once.
 * `expires_at` is the token's own expiry when known: past it the token is
 * refused anyway and the row is only history.
 */
export class Migration20261206000010_token_revocation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table revoked_token (
        token_id text primary key check (token_id ~ '^[A-Za-z0-9_-]{1,64}$'),
        revoked_at timestamptz not null default now(),
        revoked_by text not null,
        reason text not null check (length(reason) between 1 and 500),
        expires_at timestamptz null
      );`);
    this.addSql(`create trigger revoked_token_notify_change after insert or update or delete or truncate on revoked_token
      for each statement execute function lingyan_notify_change();`);
  }
}
