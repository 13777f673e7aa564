import { ValidationFailedError } from '@triggerline/service';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SIGNATURE_HEADERS } from '../signatures/signature-schemes.js';

/** Credentials (the seed drops Authorization and Cookie) and every scheme's signature header. */
const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
  'x-api-key',
  ...SIGNATURE_HEADERS,
]);

/** Node's headers as one string each, names in lower case. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** What a run request carries: the headers without credentials or signatures. */
export function forwardedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name)));
}

/** What a delivery record keeps: every header, the secret ones masked. */
export function redactedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name) ? '[redacted]' : value]),
  );
}

/**
 * For a scheme without a delivery id: a SHA-256 of the sender's timestamp header (when it sends
 * one) and the body, so a retry of the same delivery gets the same id and runs once.
 */
export function fallbackDeliveryId(headers: Record<string, string>, rawBody: Buffer): string {
  const timestamp =
    headers['webhook-timestamp'] ?? headers['x-timestamp'] ?? headers['x-webhook-timestamp'] ?? '';
  return createHash('sha256').update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * The sender's delivery id as a key part: kept when it is short printable ASCII (it becomes a
 * NATS header and a column), else replaced by its SHA-256, which is just as stable.
 */
export function safeDeliveryId(id: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(id) ? id : createHash('sha256').update(id).digest('hex');
}

/**
 * The workflow's input from the body: a JSON object as is, form fields as an object (a repeated
 * field as a list), anything else (text, a JSON array or scalar) under `body`.
 */
export function parseBody(contentType: string | undefined, rawBody: Buffer): Record<string, unknown> {
  if (rawBody.length === 0) return {};
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const text = rawBody.toString('utf8');
  if (/^application\/(.+\+)?json$/.test(mediaType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ValidationFailedError([{ path: 'body', message: 'is not valid JSON' }]);
    }
    return isObject(parsed) ? parsed : { body: parsed };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(text)) {
      const previous = fields[name];
      fields[name] =
        previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    return fields;
  }
  return { body: text };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
