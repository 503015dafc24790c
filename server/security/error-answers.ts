import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ApiError, ErrorCode } from '../../shared/protocol/errors.js';
import { ApiFailure } from '../api-failure.js';
import { securityHeaderSet } from './headers.js';

/**
 * Every error the server answers, in the project's shape
 * (`{ error: { code, message, details } }`, shared/protocol/errors.ts) and
 * with the security headers: our own refusals (ApiFailure), Fastify's
 * (bad JSON, too large, unsupported media type…), the router's (a URL it
 * cannot decode, a parameter too long), which Fastify answers before any
 * hook, and the HTTP parser's (a malformed request line, headers too large),
 * answered on the bare socket.
 */
const body = (code: ErrorCode, message: string, details?: unknown): ApiError => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/** What an error thrown while handling a request becomes: status and body. */
function answerFor(error: FastifyError | ApiFailure | Error, request: FastifyRequest) {
  if (error instanceof ApiFailure)
    return { status: error.status, body: body(error.code, error.message, error.details) };
  const { code, statusCode } = error as FastifyError;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit;
    return { status: 413, body: body('payload-too-large', `the body is larger than ${limit} bytes`, { limit }) };
  }
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return { status: 400, body: body('malformed-json', 'the body is not valid JSON') };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status: 415, body: body('unsupported-media-type', error.message) };
  if (statusCode && statusCode >= 400 && statusCode < 500)
    return { status: statusCode, body: body('bad-request', error.message) };
  return null;
}

export function registerErrorAnswers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const answer = answerFor(error, request);
    if (!answer) {
      request.log.error(error);
      return reply.status(500).send(body('server-error', 'unexpected server error'));
    }
    // A write refused for lack of disk space is the operator's business: say so in the log.
    if (answer.status === 507) request.log.error({ code: answer.body.error.code }, answer.body.error.message);
    const retryAfter = (answer.body.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (answer.status === 429 && retryAfter) reply.header('retry-after', String(retryAfter));
    return reply.status(answer.status).send(answer.body);
  });
}

/** Fastify's `frameworkErrors`: the router's refusals (FST_ERR_BAD_URL, FST_ERR_MAX_PARAM_LENGTH…). */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) => {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_BAD_URL' ? 'the URL holds an invalid percent-encoding' : error.message || 'bad request';
  void reply
    .headers(securityHeaderSet(request.url))
    .status(status)
    .send(body('bad-request', message, { reason: error.code }));
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused,
 * answered on the socket (as Fastify's default does) but in our shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request headers are too large']
        : [400, 'the request is not valid HTTP'];
  const text = JSON.stringify(body('bad-request', message));
  const headers = {
    ...securityHeaderSet(''),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    connection: 'close',
  };
  if (socket.writable) {
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head.join('')}\r\n${text}`);
  }
  socket.destroy(error);
}
