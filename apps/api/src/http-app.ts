import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { requestContextMiddleware } from './common/request-context.js';
import { createValidationPipe } from './common/validation.js';
import type { ApiConfig } from './config/api-config.js';
import { APP_VERSION } from './version.js';

/** The console build of this checkout (dist/apps/api/src → angular-ui/dist/browser). */
const DEFAULT_UI_DIR = fileURLToPath(new URL('../../../../angular-ui/dist/browser', import.meta.url));

/** Builds the HTTP application (used by main.ts and by tests). */
export async function createHttpApp(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  app.use(cookieParser());
  app.use(requestContextMiddleware);
  // Unknown fields are refused and every error is reported per field (common/validation.ts).
  app.useGlobalPipes(createValidationPipe());
  // Live events (realtime/): socket.io on this same HTTP server, at /socket.io.
  app.useWebSocketAdapter(new IoAdapter(app));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('WebCall API')
      .setDescription('REST API of the WebCall cloud call center')
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .addCookieAuth('webcall_refresh')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const uiDir = config.WEBCALL_UI_DIR ?? DEFAULT_UI_DIR;
  if (existsSync(path.join(uiDir, 'index.html'))) serveConsole(app, uiDir);
  return app;
}

/** Serves the built Angular console; unknown non-API paths get index.html (client routing). */
function serveConsole(app: NestExpressApplication, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
