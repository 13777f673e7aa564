import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  runRequestedSubject,
  STREAMS,
  type RunRequest,
  type RunResult,
  type WorkflowDefinition,
} from '@triggerline/contracts';
import { JetStreamPublisher } from '@triggerline/messaging';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { expectEventually } from '@triggerline/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunnerHarness, startRunner } from '../../test/runner-harness.js';
import { executionIdFor } from './execution-id.js';

interface ExecutionView {
  status: string;
  error: string | null;
  failed_step: string | null;
  vars: Record<string, unknown>;
  steps: {
    id: string;
    status: string;
    attempts: number;
    output: unknown;
    error: string | null;
    started_at: string;
    finished_at: string;
  }[];
}

/** A local HTTP endpoint that records requests and answers with the next scripted status. */
class TestEndpoint {
  readonly requests: { path: string; body: string; at: number }[] = [];
  statuses: number[] = [];
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        this.requests.push({ path: req.url ?? '', body, at: Date.now() });
        setTimeout(() => {
          this.inFlight--;
          res.writeHead(this.statuses.shift() ?? 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ received: body.length }));
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('executing run requests', () => {
  let runner: RunnerHarness;
  let endpoint: TestEndpoint;
  let endpointUrl: string;
  let keyCounter = 0;

  beforeAll(async () => {
    runner = await startRunner('sqlite');
    endpoint = new TestEndpoint();
    endpointUrl = await endpoint.start();
  });
  afterAll(async () => {
    await runner.dispose();
    await endpoint.stop();
  });
  beforeEach(() => {
    endpoint.requests.length = 0;
    endpoint.statuses = [];
    endpoint.delayMs = 0;
    endpoint.maxInFlight = 0;
  });

  async function activeWorkflow(
    steps: unknown[],
    extra: Record<string, unknown> = {},
  ): Promise<WorkflowDefinition> {
    const created = await runner.call('/workflows', {
      method: 'POST',
      body: {
        name: 'spec',
        status: 'active',
        trigger: { type: 'event', event: 'invoice.paid' },
        steps,
        ...extra,
      },
    });
    expect(created.status).toBe(201);
    return created.body as WorkflowDefinition;
  }

  async function requestRun(
    workflowId: string,
    input: Record<string, unknown>,
    key = `evt:spec-${++keyCounter}:${workflowId}`,
    chainDepth?: number,
  ) {
    const request: RunRequest = {
      idempotency_key: key,
      workflow_id: workflowId,
      trigger: {
        trigger_type: 'event',
        event: 'invoice.paid',
        event_id: `spec-${keyCounter}`,
        timestamp: new Date().toISOString(),
        ...(chainDepth === undefined ? {} : { chain_depth: chainDepth }),
      },
      input,
      requested_at: new Date().toISOString(),
    };
    await runner.app
      .get(JetStreamPublisher)
      .publish(runRequestedSubject(workflowId), request, { msgId: key });
    return executionIdFor(key);
  }

  async function finished(executionId: string, timeoutMs = 10_000): Promise<ExecutionView> {
    return expectEventually(
      async () => {
        const { status, body } = await runner.call(`/executions/${executionId}`);
        expect(status).toBe(200);
        expect(['succeeded', 'failed', 'cancelled']).toContain((body as ExecutionView).status);
        return body as ExecutionView;
      },
      { timeoutMs },
    );
  }

  it('runs every step type in order, with templates, a skipped branch and a durable delay', async () => {
    const workflow = await activeWorkflow([
      { id: 'note', type: 'log', message: 'invoice {{ input.invoice_id }} paid' },
      {
        id: 'totals',
        type: 'set',
        values: { amount: '{{ input.amount }}', label: 'INV-{{ input.invoice_id }}' },
      },
      { id: 'big', type: 'condition', expression: 'vars.amount >= 1000.0', then: 'notify', else: 'small' },
      { id: 'small', type: 'log', message: 'never: the amount is big' },
      {
        id: 'notify',
        type: 'http_request',
        method: 'POST',
        url: `${endpointUrl}/hooks/{{ input.invoice_id }}`,
        body: '{"label":"{{ vars.label }}"}',
      },
      { id: 'pause', type: 'delay', seconds: 1 },
      {
        id: 'chain',
        type: 'emit_event',
        event: 'ticket.created',
        data: {
          ticket_id: 'T-{{ input.invoice_id }}',
          subject: 'Invoice {{ vars.label }}',
          priority: 'high',
          customer_id: '{{ input.customer_id }}',
        },
      },
    ]);

    const executionId = await requestRun(workflow.id, { invoice_id: 'i42', amount: 1500, customer_id: 'c7' });
    const execution = await finished(executionId);

    expect(execution.status).toBe('succeeded');
    expect(execution.steps.map((s) => [s.id, s.status])).toEqual([
      ['note', 'succeeded'],
      ['totals', 'succeeded'],
      ['big', 'succeeded'],
      ['small', 'skipped'],
      ['notify', 'succeeded'],
      ['pause', 'succeeded'],
      ['chain', 'succeeded'],
    ]);
    expect(execution.vars).toEqual({ amount: 1500, label: 'INV-i42' });
    expect(endpoint.requests).toEqual([
      { path: '/hooks/i42', body: '{"label":"INV-i42"}', at: expect.any(Number) },
    ]);
    expect(execution.steps[4].output).toMatchObject({ status: 200, body: { received: 19 } });
    const pause = execution.steps[5];
    expect(Date.parse(pause.finished_at) - Date.parse(pause.started_at)).toBeGreaterThanOrEqual(1_000);

    const jsm = await jetstreamManager(runner.app.get<NatsConnection>(NATS_CONNECTION));
    const emitted = await jsm.streams.getMessage(STREAMS.events.name, {
      last_by_subj: 'events.ticket.created',
    });
    expect(emitted?.json()).toMatchObject({
      id: `${executionId}.chain`,
      type: 'ticket.created',
      chaindepth: 1,
      customerid: 'c7',
      data: { ticket_id: 'T-i42', subject: 'Invoice INV-i42', priority: 'high', customer_id: 'c7' },
    });
    const result = await jsm.streams.getMessage(STREAMS.runResults.name, {
      last_by_subj: `runs.finished.${workflow.id}`,
    });
    expect(result?.json<RunResult>()).toMatchObject({
      execution_id: executionId,
      status: 'succeeded',
      workflow_id: workflow.id,
    });
  });

  it('refuses to emit an event past the chain depth limit, so workflows cannot loop for ever', async () => {
    const workflow = await activeWorkflow([
      {
        id: 'again',
        type: 'emit_event',
        event: 'user.logged_in',
        data: { user_id: 'u1', logged_in_at: '2026-11-26T10:00:00Z' },
      },
    ]);
    const withinLimit = await finished(await requestRun(workflow.id, {}, undefined, 7));
    expect(withinLimit.status).toBe('succeeded');

    const looping = await finished(await requestRun(workflow.id, {}, undefined, 8));
    expect(looping).toMatchObject({
      status: 'failed',
      failed_step: 'again',
      error: expect.stringContaining('chain depth 9 exceeds EMIT_EVENT_MAX_CHAIN_DEPTH 8'),
    });
  });

  it('creates one execution for the same run request delivered twice', async () => {
    const workflow = await activeWorkflow([{ id: 'call', type: 'http_request', url: `${endpointUrl}/once` }]);
    const key = `evt:dup-1:${workflow.id}`;
    const jsm = await jetstreamManager(runner.app.get<NatsConnection>(NATS_CONNECTION));
    // Past JetStream's duplicate window, as a late retry would be: purge the ids it remembers.
    await requestRun(workflow.id, {}, key);
    await finished(executionIdFor(key));
    await jsm.streams.purge(STREAMS.runs.name);
    await requestRun(workflow.id, {}, key);

    await expectEventually(async () => {
      const info = await jsm.consumers.info(STREAMS.runs.name, 'workflow-runner__runs_requested_all');
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    expect(endpoint.requests).toHaveLength(1);
    const list = await runner.call(`/workflows/${workflow.id}/executions`);
    expect((list.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('retries a failing step and records the attempts; a step that always fails fails the run naming it', async () => {
    const flaky = await activeWorkflow([
      {
        id: 'call',
        type: 'http_request',
        url: `${endpointUrl}/flaky`,
        retry: { max_attempts: 3, backoff_seconds: 0.05 },
      },
    ]);
    endpoint.statuses = [500, 503, 200];
    const recovered = await finished(await requestRun(flaky.id, {}));
    expect(recovered.status).toBe('succeeded');
    expect(recovered.steps[0]).toMatchObject({ id: 'call', status: 'succeeded', attempts: 3, error: null });

    const broken = await activeWorkflow([
      { id: 'first', type: 'log', message: 'ok' },
      {
        id: 'call',
        type: 'http_request',
        url: `${endpointUrl}/broken`,
        retry: { max_attempts: 2, backoff_seconds: 0.05 },
      },
      { id: 'after', type: 'log', message: 'never' },
    ]);
    endpoint.statuses = [500, 500];
    const failed = await finished(await requestRun(broken.id, {}));
    expect(failed).toMatchObject({ status: 'failed', failed_step: 'call', error: 'call: HTTP 500' });
    expect(failed.steps.map((s) => [s.id, s.status, s.attempts])).toEqual([
      ['first', 'succeeded', 1],
      ['call', 'failed', 2],
    ]);
  });

  it('runs a max_concurrency 1 workflow one run at a time, all of them', async () => {
    const workflow = await activeWorkflow(
      [{ id: 'call', type: 'http_request', url: `${endpointUrl}/serial` }],
      { max_concurrency: 1 },
    );
    endpoint.delayMs = 150;

    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => requestRun(workflow.id, { n })));
    const executions = await Promise.all(ids.map((id) => finished(id, 20_000)));

    expect(executions.map((e) => e.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(endpoint.requests).toHaveLength(5);
    expect(endpoint.maxInFlight).toBe(1);
  });

  it('starts a manual run with its input and answers with the execution id', async () => {
    const workflow = await activeWorkflow([
      { id: 'remember', type: 'set', values: { who: '{{ input.who }}' } },
    ]);
    const started = await runner.call(`/workflows/${workflow.id}/run`, {
      method: 'POST',
      body: { who: 'ada' },
    });
    expect(started.status).toBe(202);
    const { execution_id: executionId } = started.body as { execution_id: string };

    expect(await finished(executionId)).toMatchObject({ status: 'succeeded', vars: { who: 'ada' } });
  });

  it('records a run of a paused workflow as cancelled with the reason, and cancels a waiting one', async () => {
    const paused = await activeWorkflow([{ id: 'a', type: 'log', message: 'x' }]);
    await runner.call(`/workflows/${paused.id}/pause`, { method: 'POST' });
    expect(await finished(await requestRun(paused.id, {}))).toMatchObject({
      status: 'cancelled',
      error: 'the workflow is paused',
    });

    const slow = await activeWorkflow([{ id: 'wait', type: 'delay', seconds: 3600 }]);
    const waitingId = await requestRun(slow.id, {});
    await expectEventually(async () =>
      expect(((await runner.call(`/executions/${waitingId}`)).body as ExecutionView).status).toBe('waiting'),
    );
    expect((await runner.call(`/executions/${waitingId}/cancel`, { method: 'POST' })).status).toBe(202);
    expect(await finished(waitingId)).toMatchObject({ status: 'cancelled', error: 'cancelled on request' });
  });
});
