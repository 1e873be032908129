/**
 * `url` is Asterisk's HTTP server (`http://127.0.0.1:8088`); a trailing `/` or `/ari` is
 * tolerated so a copied ARI base URL works too.
 */
export function ariBaseUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`ARI url must be http(s), got ${parsed.protocol}`);
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/ari$/, '');
  return `${parsed.origin}${path}/ari`;
}

/** The events WebSocket URL of one Stasis application. */
export function ariEventsUrl(url: string, app: string): string {
  const ws = new URL(`${ariBaseUrl(url)}/events`);
  ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
  ws.searchParams.set('app', app);
  ws.searchParams.set('subscribeAll', 'false');
  return ws.toString();
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
