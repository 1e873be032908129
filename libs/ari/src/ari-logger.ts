/** A log function in pino's style: `(obj, msg?)` or `(msg)`. A pino or nestjs-pino logger fits. */
export type AriLogFn = (objOrMsg: object | string, msg?: string) => void;

/** What the client logs through; every method is called with `(obj, msg)`. */
export interface AriLogger {
  debug: AriLogFn;
  info: AriLogFn;
  warn: AriLogFn;
  error: AriLogFn;
}

const noop: AriLogFn = () => undefined;

/** Used when no logger is given. */
export const SILENT_ARI_LOGGER: AriLogger = { debug: noop, info: noop, warn: noop, error: noop };
