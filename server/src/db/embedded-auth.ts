/**
 * The password check in front of the embedded database's socket, as
 * JavaScript text for its worker (db/embedded-worker.ts; see there why text).
 *
 * PGlite answers a startup message with AuthenticationOk whatever the
 * password, and pglite-socket passes every connection straight to it: anyone
 * able to open a loopback connection was the superuser. Here a connection
 * first proves it knows the hub's password by SCRAM-SHA-256 (the exchange
 * PostgreSQL itself uses; `pg`, psql and pg_dump speak it), and only then is
 * its startup message handed to PGlite, whose AuthenticationOk ends the
 * exchange. A wrong or missing password hears PostgreSQL's own error
 * (28P01) and the connection is closed before PGlite sees a byte of it.
 *
 * `scramKeys(password)` derives the keys once per worker;
 * `authenticate(socket, keys)` resolves to the startup message (and any bytes
 * after it) once the client proved itself, or null after refusing it.
 */
export const AUTH_SOURCE = `
const crypto = require('node:crypto');

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Every message before PGlite takes over is small; a larger one is not a PostgreSQL client. */
const MAX_AUTH_MESSAGE = 8192;
/** As PostgreSQL's authentication_timeout: a connection that does not finish in time is dropped. */
const AUTH_TIMEOUT_MS = 10000;
const ITERATIONS = 4096;

const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
const sha256 = (data) => crypto.createHash('sha256').update(data).digest();

function scramKeys(password) {
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
  return { salt, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

function authMessage(code, text) {
  const body = Buffer.from(text || '');
  const out = Buffer.alloc(9 + body.length);
  out.write('R', 0);
  out.writeInt32BE(8 + body.length, 1);
  out.writeInt32BE(code, 5);
  body.copy(out, 9);
  return out;
}

function errorMessage(sqlstate, text) {
  const fields = ['SFATAL', 'VFATAL', 'C' + sqlstate, 'M' + text].map((f) => Buffer.from(f + '\\0'));
  const body = Buffer.concat([...fields, Buffer.from('\\0')]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** SCRAM attributes "a=1,b=2" as a map; the values may hold "=" (base64). */
function attributes(text) {
  const map = new Map();
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    if (at > 0) map.set(part.slice(0, at), part.slice(at + 1));
  }
  return map;
}

function authenticate(socket, keys) {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let startup = null;
    let step = 'startup';
    let clientFirstBare = '';
    let gs2Header = '';
    let serverFirst = '';
    let nonce = '';
    const timer = setTimeout(() => refuse('08P01', 'authentication did not finish in time'), AUTH_TIMEOUT_MS);

    function finish(result) {
      clearTimeout(timer);
      // Paused until PGlite's handler listens, so no byte falls between the two.
      if (result) socket.pause();
      socket.removeListener('data', onData);
      socket.removeListener('error', onGone);
      socket.removeListener('close', onGone);
      resolve(result);
    }
    function refuse(sqlstate, text) {
      if (socket.writable) socket.end(errorMessage(sqlstate, text));
      else socket.destroy();
      finish(null);
    }
    function onGone() {
      socket.destroy();
      finish(null);
    }

    /** The next whole untyped message (before the startup message) or typed one, or null until more arrives. */
    function take(typed) {
      const head = typed ? 5 : 4;
      if (buffer.length < head) return null;
      const length = buffer.readInt32BE(typed ? 1 : 0) + (typed ? 1 : 0);
      if (length < head || length > MAX_AUTH_MESSAGE) return refuse('08P01', 'invalid message length during authentication'), undefined;
      if (buffer.length < length) return null;
      const message = buffer.subarray(0, length);
      buffer = buffer.subarray(length);
      return message;
    }

    function onStartup(message) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return socket.write('N'), true;
      // PGlite cannot cancel a statement: a cancel request is dropped, as pglite-socket does.
      if (code === CANCEL_REQUEST) return onGone(), false;
      if (code !== PROTOCOL_3) return refuse('08P01', 'unsupported frontend protocol'), false;
      startup = Buffer.from(message);
      step = 'initial';
      socket.write(authMessage(10, 'SCRAM-SHA-256\\0\\0'));
      return true;
    }

    function onInitial(message) {
      if (message[0] !== 0x70) return refuse('08P01', 'expected a SASL initial response'), false;
      const end = message.indexOf(0, 5);
      if (end < 0 || message.toString('utf8', 5, end) !== 'SCRAM-SHA-256') return refuse('28000', 'only SCRAM-SHA-256 authentication is accepted'), false;
      const first = message.toString('utf8', end + 5);
      // gs2 header: n or y (no channel binding: the socket is plain TCP), no authzid.
      const match = /^([ny]),,(n=[^,]*,r=([!-+\\--~]+))$/.exec(first);
      if (!match) return refuse('08P01', 'malformed SCRAM client-first message'), false;
      gs2Header = match[1] + ',,';
      clientFirstBare = match[2];
      nonce = match[3] + crypto.randomBytes(18).toString('base64');
      serverFirst = 'r=' + nonce + ',s=' + keys.salt.toString('base64') + ',i=' + ITERATIONS;
      step = 'final';
      socket.write(authMessage(11, serverFirst));
      return true;
    }

    function onFinal(message) {
      if (message[0] !== 0x70) return refuse('08P01', 'expected a SASL response'), false;
      const final = message.toString('utf8', 5);
      const proofAt = final.lastIndexOf(',p=');
      const attrs = attributes(final);
      const withoutProof = proofAt > 0 ? final.slice(0, proofAt) : '';
      const proof = Buffer.from(attrs.get('p') || '', 'base64');
      const signed = clientFirstBare + ',' + serverFirst + ',' + withoutProof;
      const signature = hmac(keys.storedKey, signed);
      const valid =
        proofAt > 0 &&
        attrs.get('c') === Buffer.from(gs2Header).toString('base64') &&
        attrs.get('r') === nonce &&
        proof.length === signature.length &&
        crypto.timingSafeEqual(sha256(proof.map((b, i) => b ^ signature[i])), keys.storedKey);
      if (!valid) return refuse('28P01', 'password authentication failed for the embedded database'), false;
      socket.write(authMessage(12, 'v=' + hmac(keys.serverKey, signed).toString('base64')));
      finish(Buffer.concat([startup, buffer]));
      return false;
    }

    function onData(chunk) {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const message = take(step !== 'startup');
        if (!message) return;
        const more = step === 'startup' ? onStartup(message) : step === 'initial' ? onInitial(message) : onFinal(message);
        if (!more) return;
      }
    }

    // Kept for the socket's whole life: an error after a refusal, or before PGlite's handler listens, must not end the worker.
    socket.on('error', () => {});
    socket.on('data', onData);
    socket.on('error', onGone);
    socket.on('close', onGone);
  });
}
`;
