/** Stable codes, so transports can map ARI failures without matching on message text. */
export type AriErrorCode =
  | 'ARI_ERROR'
  | 'ARI_NOT_FOUND'
  | 'ARI_CONFLICT'
  | 'ARI_BAD_REQUEST'
  | 'ARI_TIMEOUT'
  | 'ARI_CONNECTION'
  | 'ARI_CHANNEL_GONE';

export interface AriErrorDetails {
  /** HTTP status when Asterisk answered; undefined when it did not. */
  status?: number;
  /** HTTP method of the failed request. */
  method?: string;
  /** Path of the failed request, relative to `/ari`. */
  path?: string;
  /** Parsed answer body (ARI sends `{ "message": "..." }`), or its text when not JSON. */
  body?: unknown;
  cause?: unknown;
  code?: AriErrorCode;
}

/** Base class of every error thrown or rejected by this library. */
export class AriError extends Error {
  readonly code: AriErrorCode;
  readonly status: number | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly body: unknown;

  constructor(message: string, details: AriErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code ?? 'ARI_ERROR';
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.body = details.body;
  }
}

/**
 * 404: the channel, bridge, playback… no longer exists. A normal race in telephony (the caller
 * hung up while we were answering); callers usually ignore it.
 */
export class AriNotFoundError extends AriError {
  constructor(message: string, details: AriErrorDetails = {}) {
    super(message, { ...details, code: 'ARI_NOT_FOUND' });
  }
}

/** 409: the object is in the wrong state (e.g. channel not in Stasis, id already used). */
export class AriConflictError extends AriError {
  constructor(message: string, details: AriErrorDetails = {}) {
    super(message, { ...details, code: 'ARI_CONFLICT' });
  }
}

/** 400 or 422: invalid parameters or body. */
export class AriBadRequestError extends AriError {
  constructor(message: string, details: AriErrorDetails = {}) {
    super(message, { ...details, code: 'ARI_BAD_REQUEST' });
  }
}

/** No answer in time: a REST request, `ChannelScope.once()` or `waitUntilConnected()`. */
export class AriTimeoutError extends AriError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, details: AriErrorDetails = {}) {
    super(message, { ...details, code: 'ARI_TIMEOUT' });
    this.timeoutMs = timeoutMs;
  }
}

/** The request never got an HTTP answer (connection refused/reset), or the client was stopped. */
export class AriConnectionError extends AriError {
  constructor(message: string, details: AriErrorDetails = {}) {
    super(message, { ...details, code: 'ARI_CONNECTION' });
  }
}

/** Rejects what a channel scope was waiting for: the channel left Stasis or no longer exists. */
export class AriChannelGoneError extends AriError {
  readonly channelId: string;

  /** Without a stack trace: it would always be the event loop's path to the event that ended the
   *  channel, and capturing it was 1.5 % of callflow's CPU (one per channel end, most unobserved). */
  constructor(channelId: string, message = `Channel ${channelId} left Stasis`) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, { code: 'ARI_CHANNEL_GONE' });
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.channelId = channelId;
  }
}

/** The error class for an HTTP status Asterisk answered with. */
export function ariErrorForStatus(message: string, details: AriErrorDetails & { status: number }): AriError {
  switch (details.status) {
    case 404:
      return new AriNotFoundError(message, details);
    case 409:
      return new AriConflictError(message, details);
    case 400:
    case 422:
      return new AriBadRequestError(message, details);
    default:
      return new AriError(message, details);
  }
}
