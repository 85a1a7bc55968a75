// The HTTP servers a benchmark runs on loopback ports (the gateway's app, a bare yoga baseline), closed
// together with their keep-alive connections, so a bench's clean-up cannot hang on an idle socket.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LoopbackServers {
  private readonly servers: Server[] = [];

  /** Serves `handler` on a free port; returns its base URL (`http://127.0.0.1:<port>`). */
  async serve(handler: RequestListener): Promise<string> {
    const server = createServer(handler);
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }
}

/** The value at quantile `q` (0..1) of the samples (nearest rank; the samples are not modified). */
export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
