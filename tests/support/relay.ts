/** A TCP relay to host:port that can be cut (every socket destroyed, port closed) and restored on the same port: a real database outage for one hub, while the database itself keeps serving the other test files. */
import net from 'node:net';
import { databaseUrl } from './db.js';
import { startTestServer, type TestServer } from './server.js';

export class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(
    private readonly host: string,
    private readonly target: number,
  ) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** `url` with its host and port replaced by the relay's. */
  via(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.href;
  }
}

/** A relay in front of the database at `url`, open. */
export async function relayTo(url: string): Promise<Relay> {
  const target = new URL(url);
  const relay = new Relay(target.hostname, Number(target.port || 5432));
  await relay.open();
  return relay;
}

export interface RelayedHub {
  relay: Relay;
  hub: TestServer;
  close(): Promise<void>;
}

/** A hub on the run's database reached through its own relay, so cutting the relay is an outage for this hub alone. */
export async function hubBehindRelay(): Promise<RelayedHub> {
  const relay = await relayTo(databaseUrl());
  try {
    const hub = await startTestServer({ databaseUrl: relay.via(databaseUrl()), poolSize: 2 });
    return {
      relay,
      hub,
      async close() {
        await hub.close();
        await relay.cut().catch(() => {});
      },
    };
  } catch (error) {
    await relay.cut().catch(() => {});
    throw error;
  }
}
