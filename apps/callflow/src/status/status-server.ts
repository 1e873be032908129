import { createServer, type Server } from 'node:http';

/**
 * Loopback-only status endpoint of callflow: `GET /status` (JSON) for the stack, the tests
 * and the benchmark; `POST /status/reset-latency` starts a new measurement window. The api's
 * live event subscription (`/events`, event-stream.ts) upgrades on the same server.
 */
export function startStatusServer(
  port: number,
  status: () => object,
  resetLatency: () => void,
  host = '127.0.0.1',
): Promise<Server> {
  const server = createServer((req, res) => {
    const collectFirst = req.url === '/status?gc=1';
    if (req.method === 'GET' && (req.url === '/status' || collectFirst)) {
      // `?gc=1` collects garbage first when callflow runs with --expose-gc (the benchmark's
      // memory per call); without the flag it is the plain status.
      if (collectFirst) (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      const body = JSON.stringify({
        ...status(),
        cpu: process.cpuUsage(),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else if (req.method === 'POST' && req.url === '/status/reset-latency') {
      resetLatency();
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
