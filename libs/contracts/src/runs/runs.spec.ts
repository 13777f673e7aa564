import { validateRunRequest, type RunRequest } from './run-request.js';
import { validateRunResult, type RunResult } from './run-result.js';

const requests: RunRequest[] = [
  {
    idempotency_key: 'evt:evt-1:wf_1',
    workflow_id: 'wf_1',
    trigger: {
      trigger_type: 'event',
      event: 'invoice.paid',
      event_id: 'evt-1',
      timestamp: '2026-03-01T12:00:00Z',
    },
    input: { invoice_id: 'i_1' },
    requested_at: '2026-03-01T12:00:01Z',
    correlation_id: 'corr-1',
  },
  {
    idempotency_key: 'sch:wf_1:2026-03-01T09:00:00.000Z',
    workflow_id: 'wf_1',
    trigger: { trigger_type: 'schedule', schedule_type: 'cron', scheduled_time: '2026-03-01T09:00:00.000Z' },
    input: {},
    requested_at: '2026-03-01T09:00:00.120Z',
  },
  {
    idempotency_key: 'wh:wht_1:d-1',
    workflow_id: 'wf_1',
    trigger: {
      trigger_type: 'webhook',
      webhook_id: 'wht_1',
      delivery_id: 'd-1',
      headers: { 'content-type': 'application/json' },
      received_at: '2026-03-01T12:00:00Z',
    },
    input: { order: 5 },
    requested_at: '2026-03-01T12:00:00Z',
  },
  {
    idempotency_key: 'man:5b0c',
    workflow_id: 'wf_1',
    trigger: { trigger_type: 'manual', triggered_at: '2026-03-01T12:00:00Z', triggered_by: 'ops-key' },
    input: {},
    requested_at: '2026-03-01T12:00:00Z',
  },
];

describe('validateRunRequest', () => {
  it.each(requests.map((request) => [request.trigger.trigger_type, request]))(
    'accepts a %s run request',
    (_type, request) => {
      expect(validateRunRequest(request)).toEqual({ ok: true, value: request });
    },
  );

  it('names missing and malformed fields, inside the trigger data too', () => {
    const result = validateRunRequest({
      idempotency_key: '',
      workflow_id: 'wf_1',
      trigger: {
        trigger_type: 'webhook',
        webhook_id: 'wht_1',
        headers: { 'x-count': 3 },
        received_at: 'now',
      },
      input: [],
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'requested_at', message: 'is required' },
        { path: 'idempotency_key', message: 'must not be empty' },
        { path: 'trigger.delivery_id', message: 'is required' },
        { path: 'trigger.headers.x-count', message: 'must be a string' },
        {
          path: 'trigger.received_at',
          message: 'must be an RFC 3339 date-time such as "2026-01-31T09:00:00Z"',
        },
        { path: 'input', message: 'must be an object' },
      ],
    });
  });

  it('rejects an unknown trigger_type', () => {
    const result = validateRunRequest({ ...requests[0], trigger: { trigger_type: 'carrier-pigeon' } });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'trigger.trigger_type', message: 'must be one of event, schedule, webhook, manual' }],
    });
  });

  it('tolerates fields it does not know, for rolling deploys', () => {
    expect(validateRunRequest({ ...requests[1], priority: 'high' }).ok).toBe(true);
  });
});

describe('validateRunResult', () => {
  const succeeded: RunResult = {
    execution_id: 'ex_1',
    workflow_id: 'wf_1',
    idempotency_key: 'evt:evt-1:wf_1',
    status: 'succeeded',
    started_at: '2026-03-01T12:00:01Z',
    finished_at: '2026-03-01T12:00:03Z',
    duration_ms: 2000,
  };

  it('accepts a finished run, with an error when it failed', () => {
    expect(validateRunResult(succeeded)).toEqual({ ok: true, value: succeeded });
    const failed: RunResult = {
      ...succeeded,
      status: 'failed',
      error: { message: 'HTTP 503', step_id: 'notify' },
    };
    expect(validateRunResult(failed)).toEqual({ ok: true, value: failed });
  });

  it('requires the error of a failed run', () => {
    expect(validateRunResult({ ...succeeded, status: 'failed' })).toEqual({
      ok: false,
      errors: [{ path: 'error', message: 'is required' }],
    });
  });

  it('names a bad status, duration and error message', () => {
    expect(
      validateRunResult({ ...succeeded, status: 'done', duration_ms: -5, error: { message: '' } }, 'result'),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'result.status', message: 'must be one of succeeded, failed, cancelled' },
        { path: 'result.duration_ms', message: 'must be at least 0' },
        { path: 'result.error.message', message: 'must not be empty' },
      ],
    });
  });
});
