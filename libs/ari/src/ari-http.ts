import { STATUS_CODES } from 'node:http';
import { Pool } from 'undici';
import {
  AriConnectionError,
  AriError,
  AriTimeoutError,
  ariErrorForStatus,
  type AriErrorDetails,
} from './ari-errors.js';
import type { AriHttpMethod, AriQueryValue, AriRequestOptions } from './ari-request.js';

export interface AriHttpOptions {
  /** Base URL ending in `/ari`. */
  baseUrl: string;
  /** Value of the Authorization header. */
  authorization: string;
  /** Default per-request timeout. */
  timeoutMs: number;
  /** Requests in flight at once; the rest wait in order. */
  maxConcurrent: number;
}

const TIMED_OUT = Symbol('timed out');
const STOPPED = Symbol('stopped');

/**
 * REST transport on an undici `Pool` of keep-alive connections to Asterisk (as many as requests
 * may be in flight): undici's `request` without fetch's WHATWG layers (Request/Response/Headers
 * objects and web streams per call), which was the largest share of callflow's CPU per call. One
 * timer per request that is always cleared (nothing lingers after the answer), JSON in and out,
 * HTTP statuses mapped to typed errors.
 */
export class AriHttp {
  readonly #options: AriHttpOptions;
  readonly #origin: string;
  /** Path of `/ari` on the server (the base URL's path). */
  readonly #basePath: string;
  #pool: Pool | null = null;
  readonly #inFlight = new Set<AbortController>();
  readonly #queue: (() => void)[] = [];
  #active = 0;
  /** Requests sent, by method and route (`POST /channels/:id/play`): the bench's requests per call. */
  readonly #counts = new Map<string, number>();

  constructor(options: AriHttpOptions) {
    this.#options = options;
    const base = new URL(options.baseUrl);
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/+$/, '');
  }

  /** Created on first use, and again after `abortAll()` closed it (a stopped client may start again). */
  #connections(): Pool {
    // undici's own connect/headers/body timeouts are off: the request's timer (timeoutMs) covers
    // the whole request, and undici's shared timer would otherwise outlive `stop()`.
    this.#pool ??= new Pool(this.#origin, {
      connections: this.#options.maxConcurrent,
      connect: { timeout: 0 },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    return this.#pool;
  }

  get inFlightCount(): number {
    return this.#inFlight.size;
  }

  /** Requests waiting for a free slot (see AriHttpOptions.maxConcurrent). */
  get queuedCount(): number {
    return this.#queue.length;
  }

  /** Requests sent so far by method and route, ids masked (`DELETE /channels/:id`). */
  get requestCounts(): ReadonlyMap<string, number> {
    return this.#counts;
  }

  /** Waits for a slot; rejects (with the signal's reason) if the request is aborted first. */
  #acquire(signal: AbortSignal): Promise<void> {
    if (this.#active < this.#options.maxConcurrent) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        this.#active++;
        resolve();
      };
      const onAbort = () => {
        const index = this.#queue.indexOf(grant);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal.reason);
      };
      this.#queue.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(): void {
    this.#active--;
    this.#queue.shift()?.();
  }

  async request<T = unknown>(
    method: AriHttpMethod,
    path: string,
    options: AriRequestOptions = {},
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs;
    const route = `${method} ${routeOf(path)}`;
    this.#counts.set(route, (this.#counts.get(route) ?? 0) + 1);
    const details: AriErrorDetails = { method, path };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
    this.#inFlight.add(controller);
    let acquired = false;
    try {
      await this.#acquire(controller.signal);
      acquired = true;
      const headers: Record<string, string> = { authorization: this.#options.authorization };
      if (options.responseType !== 'arraybuffer') headers.accept = 'application/json';
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      const response = await this.#connections().request({
        origin: this.#origin,
        path: `${this.#basePath}${path}${encodeQuery(options.query)}`,
        method,
        headers,
        body,
        signal: controller.signal,
      });
      const status = response.statusCode;
      if (status < 200 || status > 299) {
        const errorBody = parseBody(await response.body.text());
        const reason = messageOf(errorBody) ?? STATUS_CODES[status] ?? '';
        throw ariErrorForStatus(`ARI ${method} ${path} failed: ${status} ${reason}`, {
          ...details,
          status,
          body: errorBody,
        });
      }
      if (options.responseType === 'arraybuffer') return (await response.body.arrayBuffer()) as T;
      const text = await response.body.text();
      if (text.length === 0) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw new AriError(`ARI ${method} ${path} answered invalid JSON`, {
          ...details,
          status,
          body: text,
          cause: err,
        });
      }
    } catch (err) {
      if (err instanceof AriError) throw err;
      if (controller.signal.reason === TIMED_OUT) {
        throw new AriTimeoutError(
          `ARI ${method} ${path} timed out after ${timeoutMs} ms`,
          timeoutMs,
          details,
        );
      }
      if (controller.signal.reason === STOPPED) {
        throw new AriConnectionError(`ARI ${method} ${path} aborted: client stopped`, details);
      }
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new AriConnectionError(`ARI ${method} ${path} failed: ${reason}`, { ...details, cause: err });
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
      if (acquired) this.#release();
    }
  }

  /**
   * Rejects every request still waiting (with AriConnectionError) and closes the kept-alive
   * connections; used by `stop()`. A later request opens new ones.
   */
  abortAll(): void {
    for (const controller of this.#inFlight) controller.abort(STOPPED);
    const pool = this.#pool;
    this.#pool = null;
    void pool?.destroy().catch(() => undefined);
  }
}

/** The path with its resource id masked: `/channels/abc/play` → `/channels/:id/play`. */
export function routeOf(path: string): string {
  const slash = path.indexOf('/', 1);
  if (slash < 0) return path;
  const next = path.indexOf('/', slash + 1);
  return `${path.slice(0, slash)}/:id${next < 0 ? '' : path.slice(next)}`;
}

/** `?a=1&b=x,y` with each value percent-encoded; list separators stay literal commas. */
export function encodeQuery(query: AriRequestOptions['query']): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeValue(value)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function encodeValue(value: AriQueryValue): string {
  if (Array.isArray(value)) return value.map((item) => encodeURIComponent(String(item))).join(',');
  return encodeURIComponent(String(value));
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  return typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : undefined;
}
