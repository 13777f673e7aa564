import { expectEventually } from '@triggerline/testing';
import { Webhook } from 'standardwebhooks';
import { E2eStack, KEY } from './e2e-stack.js';
import { api, type ExecutionView, executionsOf, type ServiceProcess } from './service-process.js';

// The three ways a workflow starts besides a manual run, through all four services as processes.
describe('an event, a webhook and a schedule each run their workflow (four service processes)', () => {
  let stack: E2eStack;
  let gateway: ServiceProcess;
  let scheduler: ServiceProcess;
  let ingress: ServiceProcess;
  let runner: ServiceProcess;

  beforeAll(async () => {
    stack = await E2eStack.start();
    [gateway, scheduler, ingress, runner] = await Promise.all([
      stack.service('event-gateway'),
      stack.service('scheduler'),
      stack.service('webhook-ingress'),
      stack.service('workflow-runner'),
    ]);
  });
  afterAll(() => stack?.dispose());

  /** Waits until the workflow has exactly one execution, succeeded, and returns it. */
  async function onlySucceededExecution(workflowId: string): Promise<ExecutionView> {
    const [execution] = await expectEventually(
      async () => {
        const executions = await executionsOf(runner.url, KEY, workflowId);
        expect(executions.map((e) => e.status)).toEqual(['succeeded']);
        return executions;
      },
      { timeoutMs: 20_000 },
    );
    return execution;
  }

  it('runs the workflow of an event published with the SDK, with its step output and vars', async () => {
    const workflowId = await stack.createWorkflow(runner, {
      name: 'Thank big payers',
      trigger: { type: 'event', event: 'invoice.paid', filter: 'data.amount >= 1000' },
      steps: [
        {
          id: 'note',
          type: 'set',
          values: { invoice: '{{ input.invoice_id }}', paid: '{{ input.amount }}' },
        },
        { id: 'thanks', type: 'log', message: 'thanks {{ input.customer_id }} for {{ vars.invoice }}' },
      ],
    });
    await stack.subscribed(gateway, workflowId);

    const invoice = { id: 'i-1', number: 'F-1', customer_id: 'c-7', total: 1500, currency: 'EUR' };
    const paid = await stack.events.invoicePaid(
      { ...invoice, due_date: '2026-12-31' },
      { id: 'p-1', invoice_id: 'i-1', amount: 1500, method: 'card', paid_at: '2026-11-26T10:00:00Z' },
    );
    await stack.events.invoicePaid(
      { ...invoice, id: 'i-small', total: 10, due_date: '2026-12-31' },
      { id: 'p-2', invoice_id: 'i-small', amount: 10, method: 'card' },
    );

    const execution = await onlySucceededExecution(workflowId);
    expect(execution.trigger).toMatchObject({
      trigger_type: 'event',
      event: 'invoice.paid',
      event_id: paid.id,
    });
    expect(execution.idempotency_key).toBe(`evt:${paid.id}:${workflowId}`);
    expect(execution.vars).toEqual({ invoice: 'i-1', paid: 1500 });
    const detail = await api(runner.url, KEY, `/executions/${execution.id}`);
    expect(detail.body.steps).toEqual([
      expect.objectContaining({ id: 'note', status: 'succeeded', output: { invoice: 'i-1', paid: 1500 } }),
      expect.objectContaining({
        id: 'thanks',
        status: 'succeeded',
        output: { message: 'thanks c-7 for i-1' },
      }),
    ]);
  });

  it('runs the workflow of a Standard Webhooks delivery once, and answers its repeat as a duplicate', async () => {
    const workflowId = await stack.createWorkflow(runner, {
      name: 'Partner order',
      trigger: { type: 'webhook' },
      steps: [{ id: 'order', type: 'set', values: { order: '{{ input.order }}' } }],
    });
    const listed = await expectEventually(async () => {
      const triggers = await api(ingress.url, KEY, `/webhook-triggers?workflow_id=${workflowId}`);
      expect(triggers.body).toEqual([expect.objectContaining({ workflow_id: workflowId, enabled: true })]);
      return (triggers.body as unknown as { id: string; path: string }[])[0];
    });
    const { secret } = (await api(ingress.url, KEY, `/webhook-triggers/${listed.id}`)).body as {
      secret: string;
    };

    const body = JSON.stringify({ order: 'o-42' });
    const sentAt = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': 'msg_e2e_1',
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign('msg_e2e_1', sentAt, body),
    };
    const deliver = async () => {
      const response = await fetch(`${ingress.url}${listed.path}`, { method: 'POST', headers, body });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    // Wait until the ingress's path table (refreshed each second) knows the workflow as active.
    expect(
      await expectEventually(async () => {
        const first = await deliver();
        expect(first.status).toBe(202);
        return first.body;
      }),
    ).toEqual({ delivery_id: 'msg_e2e_1', duplicate: false });
    expect(await deliver()).toEqual({ status: 202, body: { delivery_id: 'msg_e2e_1', duplicate: true } });

    const execution = await onlySucceededExecution(workflowId);
    expect(execution.idempotency_key).toBe(`wh:${listed.id}:msg_e2e_1`);
    expect(execution.trigger).toMatchObject({ trigger_type: 'webhook', delivery_id: 'msg_e2e_1' });
    expect(execution.vars).toEqual({ order: 'o-42' });
  });

  it('runs a one-second cron schedule each second: consecutive slots, none twice', async () => {
    const createdAt = Date.now();
    const workflowId = await stack.createWorkflow(runner, {
      name: 'Tick',
      trigger: { type: 'schedule', schedule_type: 'cron', cron: '* * * * * *' },
      steps: [{ id: 'tick', type: 'set', values: { at: '{{ trigger.scheduled_time }}' } }],
    });

    // Retried while the newest slot may still be on its way; a gap or a repeat never passes.
    const slots = await expectEventually(
      async () => {
        const executions = await executionsOf(runner.url, KEY, workflowId);
        expect(executions.every((e) => e.status === 'succeeded')).toBe(true);
        const times = executions.map((e) => String(e.trigger.scheduled_time)).sort();
        expect(new Set(times).size).toBe(times.length);
        expect(times.length).toBeGreaterThanOrEqual(5);
        const steps = times.slice(1).map((time, i) => Date.parse(time) - Date.parse(times[i]));
        expect(steps).toEqual(steps.map(() => 1_000));
        return { times, executions };
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(Date.parse(slots.times[0])).toBeGreaterThan(createdAt);
    for (const execution of slots.executions) {
      const slot = String(execution.trigger.scheduled_time);
      expect(execution.idempotency_key).toBe(`sch:${workflowId}:${slot}`);
      expect(execution.trigger).toMatchObject({ trigger_type: 'schedule', schedule_type: 'cron' });
      expect(execution.trigger).not.toHaveProperty('catch_up');
      expect(execution.vars).toEqual({ at: slot });
    }
    const schedule = await api(scheduler.url, KEY, `/schedules/${workflowId}`);
    expect(schedule.body).toMatchObject({ workflow_id: workflowId, enabled: true, missed_count: 0 });
  });
});
