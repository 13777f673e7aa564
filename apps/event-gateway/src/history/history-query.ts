import { compileValidator, type Validated } from '@triggerline/contracts';
import { EVENT_STATUSES, type EventStatus } from './event-record.entity.js';

export const HISTORY_PAGE_DEFAULT = 50;
export const HISTORY_PAGE_MAX = 200;

/** `GET /events` filters, checked and typed. */
export interface HistoryQuery {
  type?: string;
  customerId?: string;
  status?: EventStatus;
  /** Event time range, inclusive. */
  from?: Date;
  to?: Date;
  limit: number;
  /** Rows older (in arrival order) than this cursor. */
  before?: number;
}

type RawQuery = Partial<
  Record<'type' | 'customer_id' | 'status' | 'from' | 'to' | 'limit' | 'cursor', string>
>;

const validateRaw = compileValidator<RawQuery>({
  type: 'object',
  properties: {
    type: { type: 'string', minLength: 1 },
    customer_id: { type: 'string', minLength: 1 },
    status: { enum: EVENT_STATUSES },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    limit: {
      type: 'string',
      pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$',
      'x-error-message': `must be a whole number from 1 to ${HISTORY_PAGE_MAX}`,
    },
    cursor: {
      type: 'string',
      pattern: '^[1-9][0-9]{0,15}$',
      'x-error-message': 'must be the next_cursor of a previous page',
    },
  },
  additionalProperties: false,
});

/** Reads the query string of `GET /events`; every bad parameter is named. */
export function parseHistoryQuery(raw: unknown): Validated<HistoryQuery> {
  const checked = validateRaw({ ...(raw as object) });
  if (!checked.ok) return checked;
  const { type, customer_id, status, from, to, limit, cursor } = checked.value;
  return {
    ok: true,
    value: {
      type,
      customerId: customer_id,
      status: status as EventStatus | undefined,
      from: from === undefined ? undefined : new Date(from),
      to: to === undefined ? undefined : new Date(to),
      limit: limit === undefined ? HISTORY_PAGE_DEFAULT : Number(limit),
      before: cursor === undefined ? undefined : Number(cursor),
    },
  };
}
