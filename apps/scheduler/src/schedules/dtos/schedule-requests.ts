import {
  type FieldError,
  isIanaTimeZone,
  type ScheduleTrigger,
  TRIGGER_DEFAULTS,
  validateTrigger,
} from '@triggerline/contracts';
import { ValidationFailedError } from '@triggerline/service';

// Request bodies of the schedules API, checked by hand against the contracts' validators so
// every error names its field the way the caller wrote it.

export const PREVIEW_MAX_COUNT = 100;

export interface PreviewRequest {
  schedule: ScheduleTrigger;
  count: number;
  from: Date;
}

export interface ValidateCronRequest {
  cron: string;
  timezone: string;
}

export interface PauseRequest {
  note: string | null;
}

type Body = Record<string, unknown>;

function asBody(value: unknown): Body {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Body;
  if (value === undefined || value === null) return {};
  throw new ValidationFailedError([{ path: '', message: 'the body must be a JSON object' }]);
}

function fail(errors: FieldError[]): never {
  throw new ValidationFailedError(errors);
}

export function parsePreviewRequest(value: unknown): PreviewRequest {
  const body = asBody(value);
  const errors: FieldError[] = [];
  let schedule: ScheduleTrigger | undefined;
  if (typeof body.schedule !== 'object' || body.schedule === null || Array.isArray(body.schedule)) {
    errors.push({
      path: 'schedule',
      message: 'is required: an object such as {"schedule_type": "cron", "cron": "0 9 * * 1"}',
    });
  } else {
    // `type: "schedule"` may be left out: only schedules are previewed.
    const checked = validateTrigger({ type: 'schedule', ...body.schedule }, 'schedule');
    if (!checked.ok) errors.push(...checked.errors);
    else if (checked.value.type === 'schedule') schedule = checked.value;
  }
  const count = body.count ?? 10;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > PREVIEW_MAX_COUNT)
    errors.push({ path: 'count', message: `must be a whole number from 1 to ${PREVIEW_MAX_COUNT}` });
  const from = body.from === undefined ? new Date() : new Date(String(body.from));
  if (body.from !== undefined && (typeof body.from !== 'string' || Number.isNaN(from.getTime())))
    errors.push({ path: 'from', message: 'must be an RFC 3339 date-time such as "2026-01-31T09:00:00Z"' });
  if (errors.length > 0 || !schedule) fail(errors);
  return { schedule, count: Number(count), from };
}

export function parseValidateCronRequest(value: unknown): ValidateCronRequest {
  const body = asBody(value);
  const errors: FieldError[] = [];
  if (typeof body.cron !== 'string') errors.push({ path: 'cron', message: 'is required: a cron expression' });
  const timezone = body.timezone ?? TRIGGER_DEFAULTS.timezone;
  if (typeof timezone !== 'string' || !isIanaTimeZone(timezone))
    errors.push({ path: 'timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' });
  if (errors.length > 0) fail(errors);
  return { cron: String(body.cron), timezone: String(timezone) };
}

export function parsePauseRequest(value: unknown): PauseRequest {
  const body = asBody(value);
  if (body.note === undefined || body.note === null) return { note: null };
  if (typeof body.note !== 'string' || body.note.length > 500)
    fail([{ path: 'note', message: 'must be a string of at most 500 characters' }]);
  return { note: body.note };
}
