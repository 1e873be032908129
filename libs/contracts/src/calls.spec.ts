import { CALL_DISPOSITIONS } from '#contracts';

describe('CALL_DISPOSITIONS', () => {
  it('lists answered first', () => {
    expect(CALL_DISPOSITIONS[0]).toBe('answered');
  });
});
