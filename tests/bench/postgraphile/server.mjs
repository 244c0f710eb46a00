/**
 * PostGraphile 5 as the bench's third peer, run by Node 22 from the cache
 * folder tests/bench/postgraphile.ts installs it into: the functions of the
 * schema `bench_peer` (the hub's statements, one per question) as GraphQL
 * query fields, on a plain `node:http` server. Production settings: no
 * GraphiQL, no watch mode, no explain. Prints `listening on <port>`.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['bench_peer'] })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));

const stop = () => server.close(() => pgl.release().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
