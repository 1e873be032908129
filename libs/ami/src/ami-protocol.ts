import { StringDecoder } from 'node:string_decoder';

import { AmiError, AmiProtocolError } from './ami-errors.js';

/**
 * One AMI message (response or event): header name → value, names as Asterisk sent them.
 *
 * A header that occurs several times in one message (`Variable:`, `ChanVariable:`, the
 * `Output:` lines of a `Command` response) is kept as ONE string whose values are joined with
 * `'\n'`. AMI values can never contain a line break, so the join is lossless, and every value
 * stays a plain `string` for callers. Use {@link amiFieldValues} to get the list back.
 */
export type AmiMessage = Readonly<Record<string, string>>;

/** Value of an action header: arrays are written as the same header repeated; `undefined` is skipped. */
export type AmiActionValue = string | number | readonly string[] | undefined;

/** Headers of an action, e.g. `{ Action: 'Originate', Channel: 'PJSIP/t1-100', Variable: ['A=1', 'B=2'] }`. */
export type AmiActionFields = Readonly<Record<string, AmiActionValue>>;

/** What {@link AmiParser.push} produces. */
export type AmiFrame =
  | { readonly type: 'banner'; readonly banner: string; readonly version: string | undefined }
  | { readonly type: 'message'; readonly message: AmiMessage };

export interface AmiParserOptions {
  /** Longest accepted line in characters (default 1 MiB). Longer input is a protocol error. */
  readonly maxLineLength?: number;
  /** Largest accepted message in characters (default 64 MiB, room for huge `Command` output). */
  readonly maxMessageLength?: number;
}

const BANNER_PREFIX = 'Asterisk Call Manager/';
/** Terminator of the pre-Asterisk-14 `Response: Follows` command output: dropped, not output. */
const LEGACY_END_COMMAND = '--END COMMAND--';

/**
 * Streaming AMI parser: feed it TCP chunks as they arrive (split anywhere, even inside a
 * multi-byte UTF-8 character) and it returns the complete frames found so far.
 *
 * - The first line of a stream is the banner (`Asterisk Call Manager/7.0.3`), ended by a
 *   single line break and not by a blank line.
 * - A message is `Name: value` lines ended by a blank line. Both `\r\n` and a bare `\n` end a
 *   line. Exactly one space after the colon is part of the separator, so indentation of
 *   `Output:` lines is kept.
 * - A line without a colon inside a message (raw output of the legacy `Response: Follows`
 *   format) is appended to `Output`; the legacy `--END COMMAND--` marker is dropped.
 * - Same-name headers are joined with `'\n'` (see {@link AmiMessage}).
 */
export class AmiParser {
  private readonly decoder = new StringDecoder('utf8');
  private readonly maxLineLength: number;
  private readonly maxMessageLength: number;
  private partialLine = '';
  private atStreamStart = true;
  private fields = new Map<string, string>();
  private messageLength = 0;

  constructor(options: AmiParserOptions = {}) {
    this.maxLineLength = options.maxLineLength ?? 1024 * 1024;
    this.maxMessageLength = options.maxMessageLength ?? 64 * 1024 * 1024;
  }

  /**
   * Parses the next chunk. Throws {@link AmiProtocolError} on oversized input; the stream is
   * unusable afterwards (the client drops the connection).
   */
  push(chunk: Buffer | string): AmiFrame[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const frames: AmiFrame[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      let line = this.partialLine + text.slice(start, newline);
      this.partialLine = '';
      start = newline + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.checkLineLength(line.length);
      const frame = this.acceptLine(line);
      if (frame) frames.push(frame);
    }
    this.partialLine += text.slice(start);
    this.checkLineLength(this.partialLine.length);
    return frames;
  }

  private acceptLine(line: string): AmiFrame | undefined {
    if (this.atStreamStart) {
      if (line === '') return undefined;
      this.atStreamStart = false;
      if (!line.includes(':')) {
        const version = line.startsWith(BANNER_PREFIX) ? line.slice(BANNER_PREFIX.length).trim() : undefined;
        return { type: 'banner', banner: line, version };
      }
    }
    if (line === '') {
      if (this.fields.size === 0) return undefined;
      const message: AmiMessage = Object.fromEntries(this.fields);
      this.fields = new Map();
      this.messageLength = 0;
      return { type: 'message', message };
    }
    this.messageLength += line.length + 1;
    if (this.messageLength > this.maxMessageLength) {
      throw new AmiProtocolError(`AMI message longer than ${this.maxMessageLength} characters`);
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      if (line !== LEGACY_END_COMMAND) this.addField('Output', line);
      return undefined;
    }
    const name = line.slice(0, colon).trim();
    const value = line.charCodeAt(colon + 1) === 0x20 ? line.slice(colon + 2) : line.slice(colon + 1);
    this.addField(name, value);
    return undefined;
  }

  private addField(name: string, value: string): void {
    const previous = this.fields.get(name);
    this.fields.set(name, previous === undefined ? value : `${previous}\n${value}`);
  }

  private checkLineLength(length: number): void {
    if (length > this.maxLineLength) {
      throw new AmiProtocolError(`AMI line longer than ${this.maxLineLength} characters`);
    }
  }
}

// Header names: visible ASCII without the colon (RFC 7230 token-like).
const FIELD_NAME = /^[!-9;-~]+$/;
// CR and LF would end the header and let a value inject headers or whole actions; NUL is never legit.
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/**
 * Serializes an action: `Name: value\r\n` per header, `Action` first, then a blank line.
 * Arrays become the header repeated; `undefined` values are skipped.
 * Throws {@link AmiError} for an invalid header name or a value containing CR, LF or NUL
 * (header injection), or a non-finite number.
 */
export function serializeAction(fields: AmiActionFields): string {
  const action = fields['Action'];
  if (typeof action !== 'string' || action === '') {
    throw new AmiError('AMI action needs a non-empty string "Action" field');
  }
  const names = ['Action', ...Object.keys(fields).filter((name) => name !== 'Action')];
  let out = '';
  for (const name of names) {
    if (!FIELD_NAME.test(name)) throw new AmiError(`Invalid AMI header name ${JSON.stringify(name)}`);
    const value = fields[name];
    if (value === undefined) continue;
    const values: readonly (string | number)[] = Array.isArray(value) ? value : [value as string | number];
    for (const item of values) {
      out += `${name}: ${formatValue(name, item)}\r\n`;
    }
  }
  return `${out}\r\n`;
}

function formatValue(name: string, value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AmiError(`AMI header ${name} is not a finite number`);
    return String(value);
  }
  if (typeof value !== 'string') throw new AmiError(`AMI header ${name} must be a string or number`);
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw new AmiError(`AMI header ${name} contains CR, LF or NUL (header injection refused)`);
  }
  return value;
}

/** Case-insensitive header lookup (AMI header names are case-insensitive). */
export function amiField(message: AmiMessage, name: string): string | undefined {
  if (Object.hasOwn(message, name)) return message[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(message)) {
    if (key.toLowerCase() === wanted) return message[key];
  }
  return undefined;
}

/** All values of a possibly repeated header (`[]` when absent), e.g. the `Output` lines. */
export function amiFieldValues(message: AmiMessage, name: string): string[] {
  const value = amiField(message, name);
  return value === undefined ? [] : value.split('\n');
}
