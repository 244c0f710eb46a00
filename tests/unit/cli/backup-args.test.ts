/** Backup and restore paths are relative to where the user ran the command (issue 25), not to server/. */
import { describe, expect, it } from 'vitest';
import { parseBackupArgs } from '../../../server/src/cli/backup-args.js';

describe('backup arguments', () => {
  it('resolves a relative --out and --from against the directory the command ran in', () => {
    expect(parseBackupArgs(['backup', '--out', 'b/lingyan.backup'], '/home/officer')).toEqual({ command: 'backup', file: '/home/officer/b/lingyan.backup' });
    expect(parseBackupArgs(['restore', '--from', '../x.backup'], '/home/officer/work')).toEqual({ command: 'restore', file: '/home/officer/x.backup' });
    expect(parseBackupArgs(['backup', '--out', '/srv/b.backup'], '/home/officer')).toEqual({ command: 'backup', file: '/srv/b.backup' });
  });

  it('says what is missing', () => {
    expect(() => parseBackupArgs(['backup'], '/')).toThrow(/--out is missing/);
    expect(() => parseBackupArgs(['restore'], '/')).toThrow(/--from is missing/);
    expect(() => parseBackupArgs(['copy'], '/')).toThrow(/usage: pnpm run backup/);
  });
});
