import type { AriLogger } from './ari-logger.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

/** An AriLogger that keeps every entry, so tests can assert on what was logged. */
export class RecordingLogger implements AriLogger {
  readonly entries: LogEntry[] = [];

  readonly debug = this.#log('debug');
  readonly info = this.#log('info');
  readonly warn = this.#log('warn');
  readonly error = this.#log('error');

  withMessage(msg: string): LogEntry[] {
    return this.entries.filter((e) => e.msg === msg);
  }

  #log(level: LogEntry['level']) {
    return (objOrMsg: object | string, msg?: string): void => {
      if (typeof objOrMsg === 'string') this.entries.push({ level, obj: {}, msg: objOrMsg });
      else this.entries.push({ level, obj: objOrMsg as Record<string, unknown>, msg });
    };
  }
}
