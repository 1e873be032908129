import 'reflect-metadata';
import { loadApiConfig } from './config/api-config.js';
import { createHttpApp } from './http-app.js';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await createHttpApp(config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
