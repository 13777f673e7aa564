import { durableName } from '@triggerline/messaging';
import { STREAMS } from '@triggerline/contracts';
import { expectEventually } from '@triggerline/testing';
import { E2eStack, KEY } from './e2e-stack.js';
import { storedRunRequests, unfinishedWork } from './jetstream-probe.js';
import { executionsOf, type ServiceProcess } from './service-process.js';

const EVENTS = 1_000;

/** The durable consumer each victim works from, to tell that it died with work unfinished. */
const CONSUMERS = {
  'workflow-runner': {
    stream: STREAMS.runs.name,
    durable: durableName('workflow-runner', 'runs.requested.>'),
  },
  'event-gateway': { stream: STREAMS.events.name, durable: durableName('event-gateway', 'events.>') },
} as const;

describe.each(Object.keys(CONSUMERS) as (keyof typeof CONSUMERS)[])(
  'the %s killed with kill -9 while 1,000 events are processed',
  (victim) => {
    let stack: E2eStack;
    let gateway: ServiceProcess;
    let runner: ServiceProcess;
    let workflowId: string;

    beforeAll(async () => {
      stack = await E2eStack.start();
      [gateway, runner] = await Promise.all([
        // What a dead service held comes back after 2 s, not the default 30.
        stack.service('event-gateway', { GATEWAY_ACK_WAIT_SECONDS: '2' }),
        stack.service('workflow-runner', { RUNNER_ACK_WAIT_SECONDS: '2' }),
      ]);
      workflowId = await stack.createWorkflow(runner, {
        name: 'Record every invoice',
        trigger: { type: 'event', event: 'invoice.created' },
        steps: [{ id: 'note', type: 'set', values: { invoice: '{{ input.invoice_id }}' } }],
      });
      await stack.subscribed(gateway, workflowId);
    });
    afterAll(() => stack?.dispose());

    it('runs 1,000 executions after a restart, one per event, all succeeded', async () => {
      const published = Promise.all(
        Array.from({ length: EVENTS }, (_, i) =>
          stack.events.invoiceCreated({
            id: `inv-${i}`,
            number: `K-${i}`,
            customer_id: 'cust-k',
            total: i,
            currency: 'EUR',
            due_date: '2026-12-31',
          }),
        ),
      );
      // Awaited after the kill; until then a failure must not go unhandled.
      published.catch(() => undefined);
      const service = victim === 'workflow-runner' ? runner : gateway;
      // A first part done by the victim: executions run, or run requests sent (the runner may lag).
      const done = () =>
        victim === 'workflow-runner'
          ? executionsOf(runner.url, KEY, workflowId).then((all) => all.length)
          : storedRunRequests(stack.connection, workflowId);
      await expectEventually(async () => expect(await done()).toBeGreaterThanOrEqual(100), {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
      await service.kill();
      const { stream, durable } = CONSUMERS[victim];
      // The premise: it died with work it had not finished.
      expect(await unfinishedWork(stack.connection, stream, durable)).toBeGreaterThan(0);
      const events = await published;
      await service.start();

      const executions = await expectEventually(
        async () => {
          const all = await executionsOf(runner.url, KEY, workflowId);
          expect(all.filter((e) => e.status === 'succeeded').length).toBe(EVENTS);
          return all;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(executions).toHaveLength(EVENTS);
      expect(new Set(executions.map((e) => e.idempotency_key)).size).toBe(EVENTS);
      expect(new Set(executions.map((e) => e.trigger.event_id))).toEqual(new Set(events.map((e) => e.id)));
      for (const execution of executions)
        expect(execution.vars).toEqual({ invoice: execution.input.invoice_id });
      // Nothing is left to come: JetStream holds one request per event and both services are done.
      expect(await storedRunRequests(stack.connection, workflowId)).toBe(EVENTS);
      for (const { stream: s, durable: d } of Object.values(CONSUMERS))
        expect(await unfinishedWork(stack.connection, s, d)).toBe(0);
    });
  },
);
