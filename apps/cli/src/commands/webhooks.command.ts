import { parseArgs } from 'node:util';
import type { ApiClient } from '../api/api-client.js';
import { shortTime } from '../format.js';
import { formatTable } from '../table.js';
import { signDelivery } from '../webhook-signing.js';
import {
  COMMON_OPTIONS,
  type CommandGroup,
  help,
  parseJsonOption,
  requireArg,
  result,
  usageError,
} from './command.js';

export const WEBHOOKS_USAGE = `Usage: triggerline webhooks <command> [--json]

  list [--workflow ID]                 every webhook trigger with its URL and counts
  show ID                              one trigger, with its current secret
  rotate ID [--grace SECONDS]          a new secret; the old one verifies for the grace period
  send ID|PATH [--data JSON]           sign a test delivery with the trigger's secret and POST it
                                       to the ingress (default body {"test": true})`;

export interface WebhookTriggerView {
  id: string;
  workflow_id: string;
  workflow_status: string;
  path: string;
  url: string;
  scheme: string;
  insecure: boolean;
  enabled: boolean;
  trigger_count: number;
  rejected_count: number;
  last_triggered_at: string | null;
  secret?: string;
  previous_secrets?: { expires_at: string }[];
}

export interface DeliveryAccepted {
  delivery_id: string;
  duplicate: boolean;
}

export const webhooksCommand: CommandGroup = async (args, { api }) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      workflow: { type: 'string' },
      grace: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) return help(WEBHOOKS_USAGE);
  const path = (suffix = '') =>
    `/webhook-triggers/${encodeURIComponent(requireArg(target, 'ID', WEBHOOKS_USAGE))}${suffix}`;

  switch (command) {
    case 'list': {
      const triggers = await listTriggers(api, values.workflow);
      return result(triggers, triggersTable(triggers));
    }
    case 'show': {
      const trigger = await api.get<WebhookTriggerView>('webhook-ingress', path());
      const previous = (trigger.previous_secrets ?? []).map(
        (s) => `older secret valid until ${s.expires_at}`,
      );
      return result(
        trigger,
        [triggersTable([trigger]), '', `secret  ${trigger.secret}`, ...previous].join('\n'),
      );
    }
    case 'rotate': {
      const grace = values.grace === undefined ? undefined : Number(values.grace);
      const rotated = await api.post<{ secret: string; previous_secrets_expire_at: string }>(
        'webhook-ingress',
        path('/regenerate-secret'),
        grace === undefined ? {} : { grace_period_seconds: grace },
      );
      return result(
        rotated,
        `new secret: ${rotated.secret}\nthe previous secret verifies until ${rotated.previous_secrets_expire_at}`,
      );
    }
    case 'send': {
      const body = values.data === undefined ? { test: true } : parseJsonOption(values.data, '--data');
      const accepted = await sendTestDelivery(api, requireArg(target, 'ID or PATH', WEBHOOKS_USAGE), body);
      return result(
        accepted,
        `202 accepted: delivery ${accepted.delivery_id}${accepted.duplicate ? ' (duplicate: nothing runs)' : ''}`,
      );
    }
    default:
      throw usageError(`unknown command "webhooks ${command}"`, WEBHOOKS_USAGE);
  }
};

export function listTriggers(api: ApiClient, workflowId?: string): Promise<WebhookTriggerView[]> {
  return api.get<WebhookTriggerView[]>('webhook-ingress', '/webhook-triggers', { workflow_id: workflowId });
}

/** Signs `body` as the trigger's scheme wants and POSTs it to the ingress, as a sender would. */
export async function sendTestDelivery(
  api: ApiClient,
  idOrPath: string,
  body: unknown,
): Promise<DeliveryAccepted> {
  // Trigger ids (wht_...) have no slash; paths do.
  const id = idOrPath.includes('/') ? await triggerIdAt(api, idOrPath) : idOrPath;
  const trigger = await api.get<WebhookTriggerView>(
    'webhook-ingress',
    `/webhook-triggers/${encodeURIComponent(id)}`,
  );
  const rawBody = JSON.stringify(body);
  return api.request<DeliveryAccepted>('webhook-ingress', 'POST', trigger.path, {
    rawBody,
    headers: {
      'content-type': 'application/json',
      ...signDelivery(trigger.scheme, trigger.secret ?? '', rawBody),
    },
    auth: false,
  });
}

async function triggerIdAt(api: ApiClient, path: string): Promise<string> {
  const wanted = path.startsWith('/webhooks/') ? path : `/webhooks/${path.replace(/^\/+/, '')}`;
  const trigger = (await listTriggers(api)).find((t) => t.path === wanted);
  if (!trigger) throw new Error(`no webhook trigger at ${wanted} (see \`triggerline webhooks list\`)`);
  return trigger.id;
}

function triggersTable(triggers: WebhookTriggerView[]): string {
  return formatTable(
    ['ID', 'WORKFLOW', 'SCHEME', 'STATE', 'PATH', 'RECEIVED', 'REJECTED', 'LAST'],
    triggers.map((t) => [
      t.id,
      t.workflow_id,
      t.insecure ? `${t.scheme} (insecure)` : t.scheme,
      !t.enabled ? 'disabled' : t.workflow_status !== 'active' ? `workflow ${t.workflow_status}` : 'enabled',
      t.path,
      t.trigger_count,
      t.rejected_count,
      shortTime(t.last_triggered_at),
    ]),
  );
}
