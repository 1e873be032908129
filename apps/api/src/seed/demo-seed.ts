import argon2 from 'argon2';
import { TenantEntity, TrunkEntity, UserEntity } from '#database';
import type { DataSource } from 'typeorm';

export interface DemoSeedInput {
  operatorEmail: string;
  operatorPassword: string;
  adminEmail: string;
  adminPassword: string;
}

export interface DemoSeedResult {
  demoTenantId: number;
  created: string[];
}

/** asterisk-conf/pjsip.conf `[loopback-carrier]`. */
export const LOOPBACK_CARRIER = {
  name: 'Loopback carrier (simulated)',
  preset: 'generic' as const,
  authMode: 'ip' as const,
  host: '127.0.0.2',
  port: 5080,
  transport: 'udp' as const,
  matchIps: '127.0.0.2',
  codecs: 'ulaw,alaw',
  endpointName: 'loopback-carrier',
  managed: false,
  enabled: true,
};

/** The demo tenant takes the load tests and benchmarks (100 calls/s): room for that. */
const DEMO_CONCURRENT_CALLS = 1000;

/**
 * Creates the demo operator, the demo tenant and its admin when missing. Idempotent: a
 * second run changes nothing, except a password that no longer matches the given one.
 */
export async function seedDemo(db: DataSource, input: DemoSeedInput): Promise<DemoSeedResult> {
  return db.transaction(async (em) => {
    const created: string[] = [];
    let tenant = await em.findOne(TenantEntity, { where: { slug: 'demo' } });
    if (!tenant) {
      tenant = await em.save(
        em.create(TenantEntity, { name: 'Công ty Demo', slug: 'demo', status: 'active' }),
      );
      created.push('tenant demo');
    }
    if (tenant.quotaConcurrentCalls < DEMO_CONCURRENT_CALLS) {
      tenant.quotaConcurrentCalls = DEMO_CONCURRENT_CALLS;
      tenant = await em.save(tenant);
    }
    const users = [
      {
        email: input.operatorEmail,
        password: input.operatorPassword,
        role: 'operator' as const,
        tenantId: null,
        extension: null,
        fullName: 'Demo Operator',
      },
      {
        email: input.adminEmail,
        password: input.adminPassword,
        role: 'admin' as const,
        tenantId: tenant.id,
        extension: '1001',
        fullName: 'Quản trị Demo',
      },
    ];
    for (const u of users) {
      const existing = await em.findOne(UserEntity, { where: { email: u.email } });
      if (!existing) {
        const passwordHash = await argon2.hash(u.password, { type: argon2.argon2id });
        await em.save(em.create(UserEntity, { ...u, passwordHash }));
        created.push(`user ${u.email}`);
      } else if (!existing.passwordHash || !(await argon2.verify(existing.passwordHash, u.password))) {
        existing.passwordHash = await argon2.hash(u.password, { type: argon2.argon2id });
        await em.save(existing);
        created.push(`password of ${u.email}`);
      }
    }
    // The simulated carrier of pjsip.conf (127.0.0.2): static, never pushed; a row so hotlines
    // can name it. Found by its endpoint: an operator may have renamed it.
    if (!(await em.existsBy(TrunkEntity, { endpointName: LOOPBACK_CARRIER.endpointName }))) {
      await em.save(em.create(TrunkEntity, LOOPBACK_CARRIER));
      created.push('trunk loopback-carrier');
    }
    return { demoTenantId: tenant.id, created };
  });
}
