import { expectedWaitSound } from './queue.flow.js';

describe('expectedWaitSound', () => {
  it('given the queue average hold time and the callers ahead then the nearest announced minutes are chosen', () => {
    expect(expectedWaitSound(undefined, 3)).toBeNull();
    expect(expectedWaitSound(20, 1)).toBeNull(); // 40 s
    expect(expectedWaitSound(60, 0)).toBe('queue-wait-1');
    expect(expectedWaitSound(50, 3)).toBe('queue-wait-3'); // 200 s ≈ 3.3 min
    expect(expectedWaitSound(90, 2)).toBe('queue-wait-5'); // 4.5 min
    expect(expectedWaitSound(120, 4)).toBe('queue-wait-10');
    expect(expectedWaitSound(120, 9)).toBe('queue-wait-long');
  });
});
