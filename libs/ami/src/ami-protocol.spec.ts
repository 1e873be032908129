import { AmiError, AmiProtocolError } from './ami-errors.js';
import { AmiParser, amiField, amiFieldValues, serializeAction, type AmiFrame } from './ami-protocol.js';

const BANNER = 'Asterisk Call Manager/7.0.3\r\n';
const LOGIN_OK = 'Response: Success\r\nActionID: a.1\r\nMessage: Authentication accepted\r\n\r\n';
const EVENT =
  'Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/t42-1001-00000001\r\nCallerIDName: Zoë Ærø 電話\r\n\r\n';
const COMMAND =
  'Response: Success\r\nActionID: a.2\r\nMessage: Command output follows\r\n' +
  'Output: Channel              Location             State   Application(Data)\r\n' +
  'Output:  PJSIP/t42-1001-01   s@t42-internal:1      Up      Stasis(webcall)\r\n' +
  'Output: \r\n' +
  'Output: 1 active channel\r\n\r\n';
const STREAM = BANNER + LOGIN_OK + EVENT + COMMAND;

function parseAll(chunks: (Buffer | string)[]): AmiFrame[] {
  const parser = new AmiParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('AmiParser', () => {
  const expected: AmiFrame[] = [
    { type: 'banner', banner: 'Asterisk Call Manager/7.0.3', version: '7.0.3' },
    {
      type: 'message',
      message: { Response: 'Success', ActionID: 'a.1', Message: 'Authentication accepted' },
    },
    {
      type: 'message',
      message: {
        Event: 'Newchannel',
        Privilege: 'call,all',
        Channel: 'PJSIP/t42-1001-00000001',
        CallerIDName: 'Zoë Ærø 電話',
      },
    },
    {
      type: 'message',
      message: {
        Response: 'Success',
        ActionID: 'a.2',
        Message: 'Command output follows',
        Output: [
          'Channel              Location             State   Application(Data)',
          ' PJSIP/t42-1001-01   s@t42-internal:1      Up      Stasis(webcall)',
          '',
          '1 active channel',
        ].join('\n'),
      },
    },
  ];

  it('parses the banner and messages of one chunk', () => {
    expect(parseAll([STREAM])).toEqual(expected);
  });

  it('gives the same frames whatever two-chunk split of the bytes (UTF-8 split too)', () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    for (let at = 0; at <= bytes.length; at++) {
      expect(parseAll([bytes.subarray(0, at), bytes.subarray(at)])).toEqual(expected);
    }
  });

  it('parses a stream delivered one byte at a time', () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect(parseAll(chunks)).toEqual(expected);
  });

  it('keeps repeated headers as one value joined with \\n, in order', () => {
    const [frame] = parseAll([
      'Event: Newchannel\r\nChanVariable: A=1\r\nChanVariable: B=x,y\r\nChanVariable: C=\r\n\r\n',
    ]);
    expect(frame).toEqual({
      type: 'message',
      message: { Event: 'Newchannel', ChanVariable: 'A=1\nB=x,y\nC=' },
    });
    const message = frame?.type === 'message' ? frame.message : {};
    expect(amiFieldValues(message, 'ChanVariable')).toEqual(['A=1', 'B=x,y', 'C=']);
    expect(amiFieldValues(message, 'Variable')).toEqual([]);
  });

  it('splits a header at the first colon only and strips exactly one space', () => {
    const [frame] = parseAll([
      'Event: X\r\nAppData: PJSIP/t1-100,30,tT\r\nTimestamp: 12:34:56\r\nNoSpace:v\r\nEmpty:\r\nTwo:  v\r\n\r\n',
    ]);
    expect(frame).toEqual({
      type: 'message',
      message: {
        Event: 'X',
        AppData: 'PJSIP/t1-100,30,tT',
        Timestamp: '12:34:56',
        NoSpace: 'v',
        Empty: '',
        Two: ' v',
      },
    });
  });

  it('accepts bare LF line endings and ignores extra blank lines between messages', () => {
    expect(parseAll(['Asterisk Call Manager/2.10.6\n\r\n\nEvent: A\n\n\r\n\r\nEvent: B\r\n\n'])).toEqual([
      { type: 'banner', banner: 'Asterisk Call Manager/2.10.6', version: '2.10.6' },
      { type: 'message', message: { Event: 'A' } },
      { type: 'message', message: { Event: 'B' } },
    ]);
  });

  it('does not need a banner', () => {
    expect(parseAll(['Event: A\r\n\r\n'])).toEqual([{ type: 'message', message: { Event: 'A' } }]);
  });

  it('treats a later banner-like line as output, not as a banner', () => {
    expect(parseAll([BANNER, 'Response: Follows\r\nAsterisk Call Manager/1.0\r\n\r\n'])).toEqual([
      expect.objectContaining({ type: 'banner' }),
      { type: 'message', message: { Response: 'Follows', Output: 'Asterisk Call Manager/1.0' } },
    ]);
  });

  it('collects raw lines of the legacy "Response: Follows" command format into Output', () => {
    const legacy =
      'Response: Follows\r\nPrivilege: Command\r\nActionID: a.3\r\n' +
      'No such command\n--END COMMAND--\r\n\r\n';
    expect(parseAll([BANNER, legacy])[1]).toEqual({
      type: 'message',
      message: { Response: 'Follows', Privilege: 'Command', ActionID: 'a.3', Output: 'No such command' },
    });
  });

  it('does not let a __proto__ header touch the prototype', () => {
    const [frame] = parseAll(['Event: X\r\n__proto__: polluted\r\n\r\n']);
    const message = frame?.type === 'message' ? frame.message : {};
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(Object.keys(message)).toEqual(['Event', '__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('throws AmiProtocolError on an over-long line, even one arriving in pieces', () => {
    const parser = new AmiParser({ maxLineLength: 20 });
    expect(parser.push('Event: short\r\n')).toEqual([]);
    expect(() => parser.push('Channel: 0123456789abcdef')).toThrow(AmiProtocolError);
    const pieces = new AmiParser({ maxLineLength: 20 });
    expect(() => {
      for (let i = 0; i < 30; i++) pieces.push('x');
    }).toThrow(AmiProtocolError);
  });

  it('throws AmiProtocolError on an over-long message', () => {
    const parser = new AmiParser({ maxMessageLength: 30 });
    expect(() => parser.push('Output: 0123456789\r\nOutput: 0123456789\r\n')).toThrow(AmiProtocolError);
  });
});

describe('amiField', () => {
  it('looks headers up case-insensitively, exact case first', () => {
    const message = { ActionId: 'x.1', Uniqueid: '17.3' };
    expect(amiField(message, 'ActionID')).toBe('x.1');
    expect(amiField(message, 'UniqueID')).toBe('17.3');
    expect(amiField(message, 'Missing')).toBeUndefined();
    expect(amiField({}, 'toString')).toBeUndefined();
  });
});

describe('serializeAction', () => {
  it('writes Action first, repeats array headers, formats numbers and skips undefined', () => {
    expect(
      serializeAction({
        Channel: 'PJSIP/t42-1001',
        Action: 'Originate',
        Timeout: 30000,
        Variable: ['A=1', 'B=2'],
        CallerID: undefined,
        Async: 'true',
      }),
    ).toBe(
      'Action: Originate\r\nChannel: PJSIP/t42-1001\r\nTimeout: 30000\r\n' +
        'Variable: A=1\r\nVariable: B=2\r\nAsync: true\r\n\r\n',
    );
  });

  it('writes nothing for an empty array', () => {
    expect(serializeAction({ Action: 'Originate', Variable: [] })).toBe('Action: Originate\r\n\r\n');
  });

  it.each([
    ['CRLF', 'x\r\nAction: Originate'],
    ['LF', 'x\nAction: Command'],
    ['CR', 'x\rAction: Command'],
    ['NUL', 'x\0y'],
  ])('rejects %s inside a value (header injection)', (_kind, value) => {
    expect(() => serializeAction({ Action: 'Setvar', Value: value })).toThrow(AmiError);
    expect(() => serializeAction({ Action: 'Originate', Variable: ['A=1', value] })).toThrow(
      /header injection/,
    );
    expect(() => serializeAction({ Action: value })).toThrow(AmiError);
  });

  it.each(['', 'Bad Name', 'Bad:Name', 'Bad\r\nName', 'Bäd'])('rejects the header name %j', (name) => {
    expect(() => serializeAction({ Action: 'Ping', [name]: 'v' })).toThrow(AmiError);
  });

  it('rejects a missing Action and non-finite numbers', () => {
    expect(() => serializeAction({ Channel: 'x' })).toThrow(AmiError);
    expect(() => serializeAction({ Action: '' })).toThrow(AmiError);
    expect(() => serializeAction({ Action: 'Originate', Timeout: Number.NaN })).toThrow(AmiError);
    expect(() => serializeAction({ Action: 'Originate', Priority: Infinity })).toThrow(AmiError);
  });
});
