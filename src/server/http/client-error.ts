import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ErrorCode } from '../errors.ts';

type ClientError = Error & { code?: string };

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL past the limit, a
 * malformed request line, a client that never finishes) still answer in the API's one error shape,
 * `{"error":{"code","message"}}`, rather than Fastify's default body.
 */
export function answerClientError(this: FastifyInstance, err: ClientError, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = classify(err);
  this.log.debug({ code: err.code }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify({ error: { code, message } });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function classify(err: ClientError): { status: number; code: ErrorCode; message: string } {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'headers_too_large', message: 'the request line or headers are too large' };
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'request_timeout', message: 'the request was not completed in time' };
  }
  return { status: 400, code: 'validation_failed', message: 'the request is not valid HTTP' };
}
