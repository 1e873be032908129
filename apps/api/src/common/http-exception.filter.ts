import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { ApiErrorBody, FieldError, Language } from '#contracts';
import type { Request, Response } from 'express';
import { DomainError, type FieldIssue } from './domain-error.js';
import { languageOf } from './language.js';
import { errorMessage, fieldMessage } from './messages.js';

/** Stable codes for errors raised by Nest, Express or libraries rather than by our services. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'too_many_requests',
};

function localise(language: Language, fields: FieldIssue[]): FieldError[] {
  return fields.map((f) => ({
    field: f.field,
    code: f.code,
    message: fieldMessage(language, f.messageKey ?? f.code, f.params),
  }));
}

/** The one place where any error of the HTTP API becomes an `ApiErrorBody` in the request's language. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const language = languageOf(req.headers['accept-language']);

    let body: ApiErrorBody & Record<string, unknown>;
    if (exception instanceof DomainError) {
      body = {
        statusCode: exception.status,
        code: exception.code,
        message: errorMessage(language, exception.code, exception.params),
        // When the error has its own `fields` member (sign-up's 409 lists names), the
        // localised per-field messages go to `details`.
        ...(exception.fields.length
          ? { ['fields' in exception.extra ? 'details' : 'fields']: localise(language, exception.fields) }
          : {}),
        ...exception.extra,
      };
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // body-parser reports malformed JSON as a 400 with type entity.parse.failed.
      const parseFailed =
        status === 400 && (exception.cause as { type?: string } | undefined)?.type === 'entity.parse.failed';
      const code = parseFailed
        ? 'invalid_json'
        : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'));
      body = { statusCode: status, code, message: errorMessage(language, code) };
    } else {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      body = {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        code: 'internal_error',
        message: errorMessage(language, 'internal_error'),
      };
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
