import type { HttpRequestStep } from './step-schemas.js';
import { renderMap, renderText, type TemplateContext } from '../templates/template-engine.js';

const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

export interface HttpStepOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  truncated: boolean;
}

/** Thrown for a non-2xx answer: the step failed, and the response is kept for the record. */
export class HttpStepError extends Error {
  constructor(readonly output: HttpStepOutput) {
    super(`HTTP ${output.status}`);
  }
}

/** Sends the templated request; a non-2xx status fails the step; the body is capped. */
export async function runHttpRequest(
  step: HttpRequestStep,
  context: TemplateContext,
  signal: AbortSignal,
): Promise<HttpStepOutput> {
  const url = await renderText(step.url, context);
  const headers = Object.fromEntries(
    Object.entries(await renderMap(step.headers ?? {}, context)).map(([k, v]) => [k, String(v)]),
  );
  const body = step.body === undefined ? undefined : await renderText(step.body, context);
  const response = await fetch(url, {
    method: step.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    signal,
  });
  const { text, truncated } = await readCapped(
    response,
    step.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  );
  const output: HttpStepOutput = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: !truncated && isJson(response) ? parseJson(text) : text,
    truncated,
  };
  if (!response.ok) throw new HttpStepError(output);
  return output;
}

async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function isJson(response: Response): boolean {
  return /\bjson\b/i.test(response.headers.get('content-type') ?? '');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
