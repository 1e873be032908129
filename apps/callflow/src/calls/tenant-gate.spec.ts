import { TenantGate, type TenantLimits } from './tenant-gate.js';

const quiet = { warn: () => undefined };

function gate(rows: [number, TenantLimits][] | Error): { gate: TenantGate; loads: () => number } {
  let n = 0;
  const g = new TenantGate(
    async () => {
      n++;
      if (rows instanceof Error) throw rows;
      return new Map(rows);
    },
    quiet,
    60_000,
  );
  return { gate: g, loads: () => n };
}

describe('TenantGate', () => {
  it('given an active tenant under its quota when a call arrives then it is admitted, and refused at the quota', async () => {
    const { gate: g } = gate([[7, { suspended: false, maxConcurrentCalls: 2 }]]);
    await g.start();
    expect(g.decide(7, 0)).toBe('admit');
    expect(g.decide(7, 1)).toBe('admit');
    expect(g.decide(7, 2)).toBe('over_quota');
    g.stop();
  });

  it('given a suspended tenant when a call arrives then it is refused whatever its usage', async () => {
    const { gate: g } = gate([[7, { suspended: true, maxConcurrentCalls: 10 }]]);
    await g.start();
    expect(g.decide(7, 0)).toBe('tenant_suspended');
    g.stop();
  });

  it('given a quota of zero when a call arrives then it is refused', async () => {
    const { gate: g } = gate([[3, { suspended: false, maxConcurrentCalls: 0 }]]);
    await g.start();
    expect(g.decide(3, 0)).toBe('over_quota');
    g.stop();
  });

  it('given an unknown tenant or no tenant when a call arrives then it is admitted', async () => {
    const { gate: g } = gate([[7, { suspended: true, maxConcurrentCalls: 0 }]]);
    await g.start();
    expect(g.decide(8, 100)).toBe('admit');
    expect(g.decide(null, 100)).toBe('admit');
    expect(g.status()).toMatchObject({ tenants: 1 });
    expect(g.status().loadedAt).not.toBeNull();
    g.stop();
  });

  it('given the first load fails then the gate admits and reports no load time', async () => {
    const { gate: g, loads } = gate(new Error('database down'));
    await g.start();
    expect(loads()).toBe(1);
    expect(g.status()).toEqual({ tenants: 0, loadedAt: null });
    expect(g.decide(7, 100)).toBe('admit');
    g.stop();
  });
});
