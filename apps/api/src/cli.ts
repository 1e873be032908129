import 'reflect-metadata';
import { createDataSource, migrate } from '#database';
import { ensureBuiltinPrompts } from './prompts/builtin-prompts.js';
import { seedDemo } from './seed/demo-seed.js';

/**
 * Maintenance commands run by the stack before the servers start:
 *   node dist/apps/api/src/cli.js migrate
 *   node dist/apps/api/src/cli.js seed   (SEED_* passwords from the environment)
 *   node dist/apps/api/src/cli.js prompts (PROMPTS_DIR: speaks the built-in prompts, upserts their rows)
 * Each prints one JSON line with its result.
 */
async function main(command: string | undefined): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = await createDataSource(url).initialize();
  try {
    if (command === 'migrate') {
      console.log(JSON.stringify({ applied: await migrate(db) }));
    } else if (command === 'seed') {
      const need = (name: string) => {
        const value = process.env[name];
        if (!value) throw new Error(`${name} is required`);
        return value;
      };
      const result = await seedDemo(db, {
        operatorEmail: process.env.SEED_OPERATOR_EMAIL ?? 'operator@webcall.local',
        operatorPassword: need('SEED_OPERATOR_PASSWORD'),
        adminEmail: process.env.SEED_ADMIN_EMAIL ?? 'admin@demo.webcall.local',
        adminPassword: need('SEED_ADMIN_PASSWORD'),
      });
      console.log(JSON.stringify(result));
    } else if (command === 'prompts') {
      const dir = process.env.PROMPTS_DIR;
      if (!dir) throw new Error('PROMPTS_DIR is required');
      console.log(JSON.stringify(await ensureBuiltinPrompts(db, dir)));
    } else {
      throw new Error('usage: cli.js migrate|seed|prompts');
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
