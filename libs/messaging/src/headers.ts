import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** Header names Triggerline sets on NATS messages. */
export const HEADER = {
  correlationId: 'Triggerline-Correlation-Id',
  error: 'Triggerline-Error',
  originalSubject: 'Triggerline-Original-Subject',
  originalStream: 'Triggerline-Original-Stream',
  originalSequence: 'Triggerline-Original-Sequence',
  deliveries: 'Triggerline-Deliveries',
  failedAt: 'Triggerline-Failed-At',
} as const;

export type HeaderValues = Record<string, string>;

export function toNatsHeaders(values: HeaderValues): MsgHdrs {
  const result = natsHeaders();
  for (const [name, value] of Object.entries(values)) result.set(name, headerSafe(value));
  return result;
}

export function fromNatsHeaders(headers: MsgHdrs | undefined): HeaderValues {
  const result: HeaderValues = {};
  if (!headers) return result;
  for (const [name, values] of headers) result[name] = values.join(', ');
  return result;
}

/** A header value is one line; an error message may not be, and may be huge. */
export function headerSafe(value: string, maxLength = 1024): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ').trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}
