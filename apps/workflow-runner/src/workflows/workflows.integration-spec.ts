import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAMS, type WorkflowDefinition, type WorkflowLifecycleMessage } from '@triggerline/contracts';
import { NATS_CONNECTION } from '@triggerline/messaging-nest';
import { expectEventually, TEST_DATABASE_KINDS } from '@triggerline/testing';
import { type RunnerHarness, startRunner } from '../../test/runner-harness.js';

const definition = {
  name: 'Thank big payers',
  trigger: { type: 'event', event: 'invoice.paid', filter: 'data.amount >= 1000' },
  steps: [{ id: 'thanks', type: 'log', message: 'thanks {{ input.customer_id }}' }],
};

describe.each(TEST_DATABASE_KINDS)('the workflow API on %s', (kind) => {
  let runner: RunnerHarness;

  beforeAll(async () => {
    runner = await startRunner(kind);
  });
  afterAll(() => runner.dispose());

  async function lifecycleOf(id: string): Promise<WorkflowLifecycleMessage | undefined> {
    const jsm = await jetstreamManager(runner.app.get<NatsConnection>(NATS_CONNECTION));
    const stored = await jsm.streams
      .getMessage(STREAMS.workflows.name, { last_by_subj: `workflows.${id}` })
      .catch(() => null);
    return stored?.json<WorkflowLifecycleMessage>();
  }

  it('publishes the full definition on workflows.<id> for create, activate, pause, and a tombstone for delete', async () => {
    const created = await runner.call('/workflows', { method: 'POST', body: definition });
    expect(created.status).toBe(201);
    const workflow = created.body as WorkflowDefinition;
    expect(workflow).toMatchObject({
      ...definition,
      status: 'draft',
      version: 1,
      id: expect.stringMatching(/^wf_[0-9a-f]{20}$/),
    });
    expect(await lifecycleOf(workflow.id)).toEqual({ kind: 'workflow.upserted', workflow });

    const activated = await runner.call(`/workflows/${workflow.id}/activate`, { method: 'POST' });
    expect(activated.body).toMatchObject({ status: 'active', version: 2 });
    expect(await lifecycleOf(workflow.id)).toEqual({ kind: 'workflow.upserted', workflow: activated.body });

    const paused = await runner.call(`/workflows/${workflow.id}/pause`, { method: 'POST' });
    expect(await lifecycleOf(workflow.id)).toEqual({ kind: 'workflow.upserted', workflow: paused.body });

    expect((await runner.call(`/workflows/${workflow.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await lifecycleOf(workflow.id)).toEqual({
      kind: 'workflow.deleted',
      workflow_id: workflow.id,
      version: 4,
      deleted_at: expect.any(String),
    });
    expect((await runner.call(`/workflows/${workflow.id}`)).status).toBe(404);
  });

  it('replaces a definition with a new version and lists with filters and a cursor', async () => {
    const ids: string[] = [];
    for (const event of ['invoice.paid', 'invoice.paid', 'ticket.created']) {
      const created = await runner.call('/workflows', {
        method: 'POST',
        body: { ...definition, trigger: { type: 'event', event } },
      });
      ids.push((created.body as WorkflowDefinition).id);
    }
    const replaced = await runner.call(`/workflows/${ids[0]}`, {
      method: 'PUT',
      body: { ...definition, name: 'Renamed', status: 'active' },
    });
    expect(replaced.body).toMatchObject({ name: 'Renamed', status: 'active', version: 2 });

    const paid = await runner.call('/workflows?event=invoice.paid&limit=1');
    const firstPage = paid.body as { items: WorkflowDefinition[]; next_cursor: string };
    expect(firstPage.items.map((w) => w.id)).toEqual([ids[1]]);
    const secondPage = await runner.call(
      `/workflows?event=invoice.paid&limit=1&cursor=${firstPage.next_cursor}`,
    );
    expect(secondPage.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], next_cursor: null });
    expect(
      ((await runner.call('/workflows?status=active')).body as { items: WorkflowDefinition[] }).items.map(
        (w) => w.id,
      ),
    ).toEqual([ids[0]]);
  });

  it('refuses a change made from an older version (If-Match), and never lets two writers publish one version', async () => {
    const created = await runner.call('/workflows', { method: 'POST', body: definition });
    const { id } = created.body as WorkflowDefinition;
    const put = (name: string, ifMatch?: string) =>
      runner.call(`/workflows/${id}`, {
        method: 'PUT',
        body: { ...definition, name },
        headers: ifMatch ? { 'if-match': ifMatch } : {},
      });

    expect(await put('From version 1', '"1"')).toMatchObject({ status: 200, body: { version: 2 } });
    const stale = await put('Also from version 1', '1');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: { code: 'conflict', message: expect.stringContaining('is at version 2, not 1 (If-Match)') },
    });
    expect((await put('Bad header', 'latest')).body).toMatchObject({
      error: { code: 'validation_failed', fields: [{ path: 'If-Match' }] },
    });

    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => put(`Writer ${i}`)));
    const won = racing.filter((r) => r.status === 200).map((r) => r.body as WorkflowDefinition);
    expect(racing.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(new Set(won.map((w) => w.version)).size).toBe(won.length);
    const latest = (await runner.call(`/workflows/${id}`)).body as WorkflowDefinition;
    expect(latest.version).toBe(2 + won.length);
    expect(await lifecycleOf(id)).toEqual({ kind: 'workflow.upserted', workflow: latest });
  });

  it('answers a bad definition with 400 naming the path, and no key with 401', async () => {
    const bad = await runner.call('/workflows', {
      method: 'POST',
      body: {
        ...definition,
        steps: [{ id: 'call', type: 'http_request', url: 'https://x.test/{{ input.id' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: 'validation_failed', fields: [{ path: 'steps[0].url' }] },
    });
    expect((await runner.call('/workflows?limit=0')).status).toBe(400);
    expect((await runner.call('/workflows', { key: null })).status).toBe(401);
  });

  it('republishes every workflow to a NATS that lost them, at start-up', async () => {
    const created = (await runner.call('/workflows', { method: 'POST', body: definition }))
      .body as WorkflowDefinition;
    // What a wiped NATS looks like to the runner: the WORKFLOWS stream holds nothing of ours.
    const jsm = await jetstreamManager(runner.app.get<NatsConnection>(NATS_CONNECTION));
    await jsm.streams.purge(STREAMS.workflows.name);
    await runner.stopApp();
    await runner.startApp();

    await expectEventually(async () =>
      expect(await lifecycleOf(created.id)).toEqual({ kind: 'workflow.upserted', workflow: created }),
    );
  });
});
