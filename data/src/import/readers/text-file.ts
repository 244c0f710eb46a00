/**
 * A text file as a stream of strings in a known encoding: the first 64 KiB
 * decide the encoding (unless the caller names it), a BOM is dropped, and a
 * file that stops being valid UTF-8 later on fails with a message that says
 * how to fix it instead of turning characters into U+FFFD.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { detectEncoding, hasUtf8Bom, type TextEncodingName } from '../encoding.js';
import { SourceError } from '../source.js';

const SAMPLE_BYTES = 64 * 1024;

export interface TextFile {
  encoding: TextEncodingName;
  stream: Readable;
  progress(): number;
}

function sample(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const n = readSync(fd, buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function openTextFile(path: string, encoding: TextEncodingName | null): TextFile {
  const chosen = encoding ?? detectEncoding(sample(path));
  const size = statSync(path).size || 1;
  const input = createReadStream(path);
  const decoder = new TextDecoder(chosen, { fatal: true });
  let offset = 0;
  let first = true;
  const decode = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      let bytes: Uint8Array = chunk;
      if (first && chosen === 'utf-8' && hasUtf8Bom(bytes)) bytes = bytes.subarray(3);
      first = false;
      try {
        const text = decoder.decode(bytes, { stream: true });
        offset += chunk.length;
        done(null, text);
      } catch {
        done(new SourceError(`${path}: not valid ${chosen === 'utf-8' ? 'UTF-8' : 'GB18030'} text near byte ${offset}; pass --encoding ${chosen === 'utf-8' ? 'gbk' : 'utf-8'} if the file is in that encoding`));
      }
    },
    flush(done) {
      try {
        const rest = decoder.decode();
        done(null, rest || undefined);
      } catch {
        done(new SourceError(`${path}: the file ends in the middle of a character`));
      }
    },
  });
  input.on('error', (e) => decode.destroy(e));
  return { encoding: chosen, stream: input.pipe(decode), progress: () => Math.min(1, input.bytesRead / size) };
}
