// The messages the benchmarks send (invoices through the SDK, workflow definitions, run
// requests), a steady-rate pacer, and the raw JetStream baselines the rows compare against.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, sleep } from './processes.mjs';

const sdkPath = join(root, 'dist/bench/bench/src/sdk.js');

/** The SDK, built by `npx nx run bench:build` (see bench/src/sdk.ts). */
export async function sdk() {
  if (!existsSync(sdkPath)) throw new Error(`${sdkPath} is missing: npx nx run bench:build`);
  return import(sdkPath);
}

export const invoice = (id) => ({
  id,
  number: `F-${id}`,
  customer_id: 'c_42',
  total: 1500,
  currency: 'EUR',
  due_date: '2026-12-31',
  customer: { name: 'ACME', email: 'billing@acme.test' },
});

/** A domain service's emitter: `invoiceCreated(id)` publishes one event with that id. */
export async function invoiceEmitter(nc) {
  const { JetStreamPublisher, TriggerlineEvents, createEvent } = await sdk();
  const events = new TriggerlineEvents(new JetStreamPublisher(jetstream(nc)), '/billing');
  return {
    invoiceCreated: (id) => events.invoiceCreated(invoice(id), { id }),
    /** The same envelope's bytes, for a baseline that publishes "the same messages". */
    envelope: (id) =>
      JSON.stringify(
        createEvent(
          'invoice.created',
          {
            invoice: invoice(id),
            invoice_id: id,
            invoice_number: `F-${id}`,
            customer_id: 'c_42',
            customer: invoice(id).customer,
            amount: 1500,
            currency: 'EUR',
            due_date: '2026-12-31',
          },
          { id, source: '/billing' },
        ),
      ),
  };
}

/** `workflow.upserted` as the runner publishes it on WORKFLOWS, for benchmarks without a runner. */
export function workflowUpserted(id, trigger, steps = [{ id: 'log', type: 'log' }], createdAt = new Date()) {
  const at = createdAt.toISOString();
  return {
    subject: `workflows.${id}`,
    data: JSON.stringify({
      kind: 'workflow.upserted',
      workflow: {
        id,
        name: id,
        status: 'active',
        trigger,
        steps,
        version: 1,
        created_at: at,
        updated_at: at,
      },
    }),
  };
}

/** A manual run request, as POST /workflows/:id/run builds it. */
export function manualRunRequest(workflowId, key, input = {}) {
  const now = new Date().toISOString();
  return {
    subject: `runs.requested.${workflowId}`,
    msgID: key,
    data: JSON.stringify({
      idempotency_key: key,
      workflow_id: workflowId,
      trigger: { trigger_type: 'manual', triggered_at: now },
      input,
      requested_at: now,
    }),
  };
}

/** Calls `send(i)` `count` times with up to `inFlight` awaiting at once (a pipelined producer). */
export async function pipelined(count, send, inFlight = 256) {
  let next = 0;
  const lane = async () => {
    while (next < count) await send(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

/** Calls `send(i)` at a steady `rate` per second for `seconds`, not waiting for each to finish. */
export async function paced(rate, seconds, send) {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending = [];
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    while (sent < due) pending.push(send(sent++));
    await sleep(1);
  }
  await Promise.all(pending);
}

/**
 * Resolves when `count` messages matching `accept` arrived on a core subscription to `subject`;
 * `onMessage(msg, receivedAt)` sees each. Used to wait for run requests or run results.
 */
export function collect(nc, subject, count, accept, onMessage = () => {}) {
  let seen = 0;
  return new Promise((resolve) => {
    const subscription = nc.subscribe(subject, {
      callback: (_error, msg) => {
        if (!accept(msg)) return;
        onMessage(msg, performance.now());
        if (++seen === count) {
          subscription.unsubscribe();
          resolve(performance.now());
        }
      },
    });
  });
}

/** A stream and a durable pull consumer on it, acking every message: the raw-JetStream baseline. */
export async function rawStream(nc, stream) {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
  let consumers = 0;
  return {
    js,
    /** Starts consuming `subject` with ack, calling `onMessage(msg, receivedAt)`; `done` after `count`. */
    async consume(subject, count, onMessage = () => {}) {
      const durable = `c${consumers++}`;
      await jsm.consumers.add(stream, {
        durable_name: durable,
        filter_subject: subject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
      const messages = await (await js.consumers.get(stream, durable)).consume({ max_messages: 256 });
      let seen = 0;
      const done = (async () => {
        for await (const msg of messages) {
          onMessage(msg, performance.now());
          msg.ack();
          if (++seen === count) break;
        }
        const finished = performance.now();
        await messages.close();
        return finished;
      })();
      return { done };
    },
  };
}
