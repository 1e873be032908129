/** HTTP methods ARI uses. */
export type AriHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A query-string value; arrays are sent comma-separated (Swagger `allowMultiple`). */
export type AriQueryValue = string | number | boolean | readonly (string | number)[];

export interface AriRequestOptions {
  /** Undefined members are left out. */
  query?: Readonly<Record<string, AriQueryValue | undefined>>;
  /** Sent as JSON when not undefined. */
  body?: unknown;
  /** `arraybuffer` for binary answers (stored recording files); JSON otherwise. */
  responseType?: 'json' | 'arraybuffer';
  /** Overrides the client's per-request timeout. */
  timeoutMs?: number;
}

/**
 * The one function every generated resource method calls. `path` is relative to `/ari` and
 * already URL-encoded, e.g. `/channels/abc/answer`. Resolves with the parsed JSON answer
 * (undefined for 204), rejects with an `AriError`.
 */
export type AriRequest = <T = unknown>(
  method: AriHttpMethod,
  path: string,
  options?: AriRequestOptions,
) => Promise<T>;
