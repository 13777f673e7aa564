import { expectEventually, TEST_DATABASE_KINDS } from '@triggerline/testing';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { API_KEY, type Ingress, startIngress, type TriggerView } from '../../test/ingress.harness.js';

describe.each(TEST_DATABASE_KINDS)('webhook triggers on %s', (kind) => {
  let ingress: Ingress;

  beforeAll(async () => {
    ingress = await startIngress(kind);
  });
  afterAll(() => ingress.close());

  const deliver = (trigger: TriggerView) => {
    const body = JSON.stringify({ n: randomUUID() });
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    return fetch(`${ingress.base}${trigger.path}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(trigger.secret).sign(id, now, body),
      },
    }).then((response) => response.status);
  };

  it('creates a trigger for a workflow with a webhook trigger: wht_ id, seed-style path, standard scheme', async () => {
    await ingress.publishWorkflow('wf_new', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_new');
    expect(trigger).toMatchObject({
      id: expect.stringMatching(/^wht_[0-9a-f]{12}$/),
      workflow_id: 'wf_new',
      scheme: 'standard',
      insecure: false,
      enabled: true,
      trigger_count: 0,
      rejected_count: 0,
      last_triggered_at: null,
      secret: expect.stringMatching(/^whsec_/),
      previous_secrets: [],
    });
    expect(trigger.path).toBe(`/webhooks/trigger/${trigger.id}`);
    expect(trigger.url).toBe(`https://hooks.example.com/webhooks/trigger/${trigger.id}`);

    const list = (await (await ingress.api('/webhook-triggers')).json()) as TriggerView[];
    expect(list.map((t) => t.id)).toContain(trigger.id);
    expect(list.find((t) => t.id === trigger.id)).not.toHaveProperty('secret');
    expect(await (await ingress.api('/webhook-triggers?workflow_id=wf_none')).json()).toEqual([]);
  });

  it('follows the workflow: paused stops deliveries, a new path and scheme apply, deleted removes the trigger', async () => {
    await ingress.publishWorkflow('wf_life', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_life');
    expect(await deliver(trigger)).toBe(202);

    await ingress.publishWorkflow('wf_life', { type: 'webhook' }, { status: 'paused' });
    await expectEventually(async () => expect(await deliver(trigger)).toBe(404));
    await ingress.publishWorkflow('wf_life', { type: 'webhook', path: 'crm/contacts', scheme: 'github' });
    await expectEventually(async () =>
      expect(await ingress.triggerOf('wf_life')).toMatchObject({
        id: trigger.id,
        path: '/webhooks/crm/contacts',
        scheme: 'github',
        secret: trigger.secret,
      }),
    );

    await ingress.deleteWorkflow('wf_life', 4);
    await expectEventually(async () =>
      expect((await ingress.api(`/webhook-triggers/${trigger.id}`)).status).toBe(404),
    );
    expect(await deliver({ ...trigger, path: '/webhooks/crm/contacts' })).toBe(404);
  });

  it('removes the trigger when the workflow switches to another trigger type', async () => {
    await ingress.publishWorkflow('wf_switch', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_switch');
    await ingress.publishWorkflow('wf_switch', { type: 'manual' });
    await expectEventually(async () =>
      expect((await ingress.api(`/webhook-triggers/${trigger.id}`)).status).toBe(404),
    );
  });

  it('lets replicas sharing the database converge on one trigger and one secret', async () => {
    const replica = await ingress.startReplica();
    try {
      await ingress.publishWorkflow('wf_shared', { type: 'webhook' });
      const seen = await Promise.all(
        [ingress.base, replica.base].map((base) =>
          expectEventually(async () => {
            const headers = { authorization: `Bearer ${API_KEY}` };
            const [listed] = (await (
              await fetch(`${base}/webhook-triggers?workflow_id=wf_shared`, { headers })
            ).json()) as TriggerView[];
            expect(listed).toBeDefined();
            return (await (
              await fetch(`${base}/webhook-triggers/${listed.id}`, { headers })
            ).json()) as TriggerView;
          }),
        ),
      );
      expect(seen[1].id).toBe(seen[0].id);
      expect(seen[1].secret).toBe(seen[0].secret);
      expect(
        (await (await ingress.api('/webhook-triggers?workflow_id=wf_shared')).json()) as unknown[],
      ).toHaveLength(1);
    } finally {
      await replica.close();
    }
  });

  it('refuses a bad grace period, and answers 404 for an unknown trigger', async () => {
    await ingress.publishWorkflow('wf_bad', { type: 'webhook' });
    const trigger = await ingress.triggerOf('wf_bad');
    const response = await ingress.api(`/webhook-triggers/${trigger.id}/regenerate-secret`, {
      method: 'POST',
      body: { grace_period_seconds: -1 },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'validation_failed', fields: [{ path: 'grace_period_seconds' }] },
    });
    expect(
      (await ingress.api('/webhook-triggers/wht_missing/regenerate-secret', { method: 'POST' })).status,
    ).toBe(404);
    expect((await ingress.api(`/webhook-triggers/${trigger.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await ingress.api(`/webhook-triggers/${trigger.id}`)).status).toBe(404);
  });
});
