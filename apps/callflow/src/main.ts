import { AmiClient } from '#ami';
import { AriClient } from '#ari';
import { createDataSource, mysqlBatchSql, WriteBatcher } from '#database';
import mysql from 'mysql2/promise';
import { createLogger, messageFirst } from '#logging';
import { CallflowApp } from './callflow.app.js';
import { CallRecorder } from './calls/call-recorder.js';
import { TypeOrmCallStore } from './calls/call-store.js';
import { TenantGate } from './calls/tenant-gate.js';
import { loadTenantLimits, tenantLimitsStamp } from './calls/tenant-limits.js';
import { directoryStamp, loadDirectory } from './directory/directory-loader.js';
import { ExtensionDirectory } from './directory/extension-directory.js';
import { loadCallflowConfig } from './config.js';
import { flowClock } from './flows/flow-clock.js';
import { TypeOrmQueueStore } from './queues/queue-store.js';
import { TypeOrmRoutingStore } from './routing/routing-store.js';
import { EventStream } from './status/event-stream.js';
import { startStatusServer } from './status/status-server.js';
import { CALLFLOW_ARI_EVENTS } from './callflow-ari-events.js';

async function main(): Promise<void> {
  const config = loadCallflowConfig();
  const logger = createLogger('callflow', config.LOG_LEVEL, config.LOG_PRETTY);

  // mysql2's `trace` captures a stack per query (3 % of callflow's CPU under load): off here.
  const dataSource = createDataSource(config.DATABASE_URL, { poolSize: 10, extra: { trace: false } });
  await dataSource.initialize();
  // Call records and queue state are written behind, several statements per round trip.
  const batchPool = mysql.createPool({
    uri: config.DATABASE_URL,
    connectionLimit: 1,
    multipleStatements: true,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    trace: false,
  });
  const writer = new WriteBatcher(mysqlBatchSql(batchPool), { windowMs: config.DB_WRITE_WINDOW_MS });
  const store = new TypeOrmCallStore(dataSource, writer);
  const recorder = new CallRecorder(store, logger);

  const ari = new AriClient({
    url: config.ARI_URL,
    username: config.ARI_USERNAME,
    password: config.ARI_PASSWORD,
    app: config.ARI_APP,
    logger: logger.child({ component: 'ari' }),
    events: CALLFLOW_ARI_EVENTS,
  });
  const ami = new AmiClient({
    host: config.AMI_HOST,
    port: config.AMI_PORT,
    username: config.AMI_USERNAME,
    secret: config.AMI_SECRET,
    logger: messageFirst(logger.child({ component: 'ami' })),
    events: 'off',
  });
  const gate = new TenantGate(
    () => loadTenantLimits(dataSource),
    logger,
    config.TENANT_LIMITS_REFRESH_MS,
    () => tenantLimitsStamp(dataSource),
  );
  const directory = new ExtensionDirectory(
    () => loadDirectory(dataSource),
    logger,
    config.TENANT_LIMITS_REFRESH_MS,
    () => directoryStamp(dataSource),
  );
  await Promise.all([gate.start(), directory.start()]);
  const routing = new TypeOrmRoutingStore(dataSource);
  const events = new EventStream(config.CALLFLOW_EVENTS_TOKEN, logger.child({ component: 'events' }));
  const app = new CallflowApp(
    ari,
    ami,
    recorder,
    store,
    logger,
    config.ARI_APP,
    config.WELCOME_PROMPT,
    gate,
    directory,
    config.RING_TIMEOUT_S,
    routing,
    { promptsDir: config.ASTERISK_PROMPTS_DIR, now: flowClock(config.FLOW_CLOCK_START) },
    events,
    new TypeOrmQueueStore(dataSource, writer),
  );
  app.start();
  const status = await startStatusServer(
    config.CALLFLOW_STATUS_PORT,
    () => ({
      ...app.status(),
      events: events.status(),
      dbWrites: writer.stats,
      routes: routing.routes.stats,
    }),
    () => {
      app.answerLatency.reset();
      app.queues?.resetMetrics();
    },
    config.CALLFLOW_STATUS_HOST,
  );
  events.attach(status);
  // The api says what changed: routing (hotlines, trunks, published flows) clears the cached
  // routes; queues, members, agents' log-ins and pauses reload that tenant's queues.
  events.onCommand((command) => {
    if (command.type === 'routes.changed') {
      routing.forgetRoutes();
      return;
    }
    app.queues
      ?.reload(command.tenantId)
      .catch((err: unknown) => logger.warn({ err, command: command.type }, 'queue reload failed'));
  });
  // Commands the api sent while it was not connected were dropped: reload everything when it (re)connects.
  events.onClientConnected(() => {
    routing.forgetRoutes();
    app.queues?.reload().catch((err: unknown) => logger.warn({ err }, 'queue reload failed'));
  });
  logger.info({ statusPort: config.CALLFLOW_STATUS_PORT, app: config.ARI_APP }, 'callflow started');
  if (config.FLOW_CLOCK_START)
    logger.warn(
      { flowClockStart: config.FLOW_CLOCK_START },
      'flows run on an injected clock (FLOW_CLOCK_START)',
    );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'callflow stopping');
    events.close();
    status.close();
    gate.stop();
    directory.stop();
    await ari.stop();
    await ami.stop();
    await recorder.flush();
    await writer.flush();
    await batchPool.end();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
