import type { AmiMessage } from './ami-protocol.js';

/** Stable codes, so transports can map AMI failures without matching on message text. */
export type AmiErrorCode =
  | 'AMI_ERROR'
  | 'AMI_PROTOCOL_ERROR'
  | 'AMI_ACTION_FAILED'
  | 'AMI_TIMEOUT'
  | 'AMI_NOT_CONNECTED'
  | 'AMI_AUTH_FAILED';

/** Base class of every error thrown or emitted by this library. */
export class AmiError extends Error {
  readonly code: AmiErrorCode;

  constructor(message: string, options?: { cause?: unknown; code?: AmiErrorCode }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options?.code ?? 'AMI_ERROR';
  }
}

/** The byte stream from Asterisk could not be parsed (e.g. a line longer than the parser accepts). */
export class AmiProtocolError extends AmiError {
  constructor(message: string) {
    super(message, { code: 'AMI_PROTOCOL_ERROR' });
  }
}

/** Asterisk answered `Response: Error`. `message` is Asterisk's `Message:` text. */
export class AmiActionError extends AmiError {
  constructor(
    message: string,
    /** The `Action:` that failed. */
    readonly action: string,
    /** The complete error response, e.g. for `Output:` lines of a failed `Command`. */
    readonly response: AmiMessage,
  ) {
    super(message, { code: 'AMI_ACTION_FAILED' });
  }
}

/** No response (or, for EventList actions, no completion event) within the action's timeout. */
export class AmiTimeoutError extends AmiError {
  constructor(
    message: string,
    readonly timeoutMs: number,
  ) {
    super(message, { code: 'AMI_TIMEOUT' });
  }
}

/**
 * The client is not logged in (not started, reconnecting, or stopped), or the connection was
 * lost / the client stopped before the response arrived.
 */
export class AmiNotConnectedError extends AmiError {
  constructor(message = 'AMI client is not connected') {
    super(message, { code: 'AMI_NOT_CONNECTED' });
  }
}

/** Login was refused (`Message: Authentication failed`). The client keeps retrying with backoff. */
export class AmiAuthError extends AmiError {
  constructor(
    message: string,
    readonly response?: AmiMessage,
  ) {
    super(message, { code: 'AMI_AUTH_FAILED' });
  }
}
