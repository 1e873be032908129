export {
  AmiClient,
  type AmiActionListOptions,
  type AmiActionOptions,
  type AmiClientEvents,
  type AmiClientOptions,
  type AmiEventList,
  type AmiLogger,
  type AmiReconnectOptions,
} from './ami-client.js';
export {
  AmiActionError,
  AmiAuthError,
  AmiError,
  AmiNotConnectedError,
  AmiProtocolError,
  AmiTimeoutError,
  type AmiErrorCode,
} from './ami-errors.js';
export {
  AmiParser,
  amiField,
  amiFieldValues,
  serializeAction,
  type AmiActionFields,
  type AmiActionValue,
  type AmiFrame,
  type AmiMessage,
  type AmiParserOptions,
} from './ami-protocol.js';
