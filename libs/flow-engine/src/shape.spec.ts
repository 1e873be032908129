import { checkFlowShape, MAX_FLOW_NODES } from './shape.js';

const good = {
  version: 1,
  entry: 'menu',
  nodes: [
    {
      id: 'menu',
      type: 'ivr',
      label: 'Main',
      prompt: { promptId: '1' },
      keys: { '1': 'sales' },
      timeoutS: 5,
      retries: 2,
      directDial: false,
    },
    { id: 'sales', type: 'extension', extension: '1001', ringTimeoutS: 20 },
    {
      id: 'hours',
      type: 'shift',
      schedule: {
        timeZone: 'Asia/Ho_Chi_Minh',
        weekly: [{ day: 1, start: '08:00', end: '17:00' }],
        holidays: [],
        exceptions: [{ date: '2026-12-24', periods: [] }],
      },
      inHours: 'menu',
      outOfHours: 'sales',
    },
  ],
};

describe('checkFlowShape', () => {
  it('given a well-formed graph when checked then there is nothing to report', () => {
    expect(checkFlowShape(good)).toEqual([]);
  });

  it('given something that is not an object when checked then the draft itself is at fault', () => {
    for (const input of [null, 'x', 42, [], true]) {
      expect(checkFlowShape(input)).toEqual([{ nodeId: null, field: 'draft', code: 'invalid_value' }]);
    }
  });

  it('given wrong types at the top when checked then each field is named', () => {
    const errors = checkFlowShape({ version: 2, entry: 3, nodes: {}, extra: 1 });
    expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
      'entry:invalid_value',
      'extra:invalid_value',
      'nodes:invalid_value',
      'version:unsupported_version',
    ]);
  });

  it('given nodes with wrong field types, unknown fields or types when checked then the node and field are named', () => {
    const errors = checkFlowShape({
      version: 1,
      entry: 'a',
      nodes: [
        { id: 'a', type: 'ivr', prompt: 'p', keys: { '1': 5 }, timeoutS: '5', retries: 1, directDial: 'no' },
        { id: 'b', type: 'teleport' },
        { id: 'c', type: 'hangup', colour: 'red' },
        {
          id: 'd',
          type: 'shift',
          schedule: {
            timeZone: 1,
            weekly: [{ day: 'Mon' }],
            holidays: {},
            exceptions: [{ date: 'x', periods: 'all' }],
          },
          inHours: 'a',
          outOfHours: 'a',
        },
        42,
      ],
    });
    expect(errors.map((e) => `${e.nodeId}/${e.field}`).sort()).toEqual([
      'a/directDial',
      'a/keys.1',
      'a/prompt',
      'a/timeoutS',
      'b/type',
      'c/colour',
      'd/schedule.exceptions.0',
      'd/schedule.holidays',
      'd/schedule.timeZone',
      'd/schedule.weekly.0',
      'null/nodes.4',
    ]);
  });

  it('given more nodes than allowed when checked then the node list is refused', () => {
    const nodes = Array.from({ length: MAX_FLOW_NODES + 1 }, (_, i) => ({ id: `n${i}`, type: 'hangup' }));
    expect(checkFlowShape({ version: 1, entry: 'n0', nodes })).toEqual([
      { nodeId: null, field: 'nodes', code: 'invalid_value' },
    ]);
  });
});
