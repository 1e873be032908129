import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** What services may want to know about the request they serve, without threading it through. */
export interface RequestContext {
  ip: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Express middleware: runs the rest of the request inside its context. */
export function requestContextMiddleware(req: Request, _res: Response, next: NextFunction): void {
  storage.run({ ip: req.ip ?? null }, next);
}

/** The current request's context; outside a request (CLI, seed) the ip is null. */
export function currentRequest(): RequestContext {
  return storage.getStore() ?? { ip: null };
}
