/**
 * Progress on stderr: a bar redrawn in place on a terminal, a plain line every
 * few seconds otherwise (CI logs, redirected output), both with rows/s.
 */
export interface Progress {
  update(rows: number, share: number | null): void;
  done(rows: number): void;
}

const EVERY_MS_PLAIN = 5000;
const EVERY_MS_TTY = 200;

export function progress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const started = Date.now();
  let last = started;
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  if (quiet) return { update() {}, done() {} };
  if (stream.isTTY) {
    const draw = (rows: number, share: number | null) => {
      const width = 30;
      const filled = share === null ? 0 : Math.round(share * width);
      const bar = share === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)} % `;
      stream.write(`\r${bar}${rows} rows, ${rate(rows)} rows/s `);
    };
    return {
      update(rows, share) {
        if (Date.now() - last < EVERY_MS_TTY) return;
        last = Date.now();
        draw(rows, share);
      },
      done(rows) {
        draw(rows, 1);
        stream.write('\n');
      },
    };
  }
  return {
    update(rows, share) {
      if (Date.now() - last < EVERY_MS_PLAIN) return;
      last = Date.now();
      stream.write(`progress: ${rows} rows${share === null ? '' : ` (${(share * 100).toFixed(0)} %)`}, ${rate(rows)} rows/s\n`);
    },
    done(rows) {
      stream.write(`progress: ${rows} rows read, ${rate(rows)} rows/s\n`);
    },
  };
}
