export { AriClient } from './ari-client.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export type { AriClientEvents, AriClientOptions, AriReconciliation } from './ari-client.options.js';
export {
  AriBadRequestError,
  AriChannelGoneError,
  AriConflictError,
  AriConnectionError,
  AriError,
  AriNotFoundError,
  AriTimeoutError,
  type AriErrorCode,
  type AriErrorDetails,
} from './ari-errors.js';
export type { AriLogFn, AriLogger } from './ari-logger.js';
export type { AriHttpMethod, AriQueryValue, AriRequest, AriRequestOptions } from './ari-request.js';
export { ChannelScope, type ChannelScopeHandler } from './channel-scope.js';
export * from './generated/ari-types.js';
