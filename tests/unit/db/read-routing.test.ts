/** Which statements a streaming replica may answer, and which failures take a replica out (server/src/db/replicas.ts). */
import { describe, expect, it } from 'vitest';
import { isReadStatement, isUnreachable, parseLsn } from '../../../server/src/db/replicas.js';

describe('isReadStatement', () => {
  it.each([
    'select * from county where code = ?',
    '  SELECT 1',
    'with t as (select 1) select * from t',
    '-- the years\nselect year from area_year_figures',
    '/* hint */ select updated_at, created_by, deleted_at from project',
    "select greatest((select max(year) from village_year), (select max(year) from reported_area_figures)) as year",
  ])('lets a replica answer %j', (sql) => {
    expect(isReadStatement(sql)).toBe(true);
  });

  it.each([
    'insert into audit_log (action) values (?)',
    'update village_year set version = version + 1',
    'delete from reported_area_figures where code = ?',
    'with moved as (delete from t returning *) select * from moved',
    'select * from project where id = 1 for update',
    'select * from project for no key update skip locked',
    'select * from project for share',
    "select set_config('lingyan.area_figures', 'deferred', true)",
    'select area_year_figures_flush()',
    "select nextval('seq')",
    'select pg_advisory_xact_lock(42)',
    "select pg_notify('lingyan_changes', 'x')",
    'LISTEN lingyan_changes',
    'begin',
    'set statement_timeout = 0',
    'explain analyze select 1',
    'call refresh_things()',
  ])('keeps %j on the primary', (sql) => {
    expect(isReadStatement(sql)).toBe(false);
  });
});

describe('parseLsn', () => {
  it('reads a pg_lsn as bytes, the high word first', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('1/0')).toBe(2n ** 32n);
    expect(parseLsn('16/B374D848')! - parseLsn('16/B374D000')!).toBe(0x848n);
    expect(parseLsn(null)).toBeNull();
  });
});

describe('isUnreachable', () => {
  it('takes a replica out for connection failures, not for a statement the replica refused', () => {
    expect(isUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }))).toBe(true);
    expect(isUnreachable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(false);
    expect(isUnreachable(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isUnreachable(Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' }))).toBe(false);
  });
});
