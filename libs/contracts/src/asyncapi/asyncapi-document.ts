import { EVENT_CATALOG } from '../events/catalog.js';
import { eventEnvelopeSchema } from '../events/envelope.js';
import { RUN_REQUEST_SCHEMA } from '../runs/run-request.js';
import { RUN_RESULT_SCHEMA } from '../runs/run-result.js';
import {
  dlqSubject,
  eventSubject,
  runFinishedSubject,
  runRequestedSubject,
  workflowSubject,
} from '../subjects/subjects.js';
import { WORKFLOW_LIFECYCLE_SCHEMA } from '../workflows/lifecycle.js';
import type {
  AsyncApiChannel,
  AsyncApiDocument,
  AsyncApiMessage,
  AsyncApiOperation,
  AsyncApiOptions,
} from './asyncapi-types.js';

// The AsyncAPI 3.0 description of everything on NATS, generated from the catalog, subjects and
// schemas of this library, so it cannot drift from what the services check.

/** One channel with one message, and the operation Triggerline performs on it. */
interface ChannelSpec {
  id: string;
  address: string;
  description: string;
  parameters?: Record<string, { description: string }>;
  action: 'send' | 'receive';
  message: AsyncApiMessage;
}

const WORKFLOW_ID_PARAMETER = { workflowId: { description: 'Id of the workflow the message is about' } };

export function buildAsyncApiDocument(options: AsyncApiOptions): AsyncApiDocument {
  const specs = [...eventChannels(), ...runAndWorkflowChannels()];
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Triggerline',
      version: options.version,
      description:
        "Workflow triggers over NATS JetStream. Operations are written from Triggerline's side: it receives " +
        'business events and sends run requests, run results, workflow lifecycle messages and dead letters.',
    },
    ...(options.serverUrl === undefined ? {} : { servers: { nats: natsServer(options.serverUrl) } }),
    defaultContentType: 'application/json',
    channels: Object.fromEntries(specs.map((spec) => [spec.id, channelOf(spec)])),
    operations: Object.fromEntries(
      specs.map((spec) => [`${spec.action}${capitalize(spec.id)}`, operationOf(spec)]),
    ),
    components: { messages: Object.fromEntries(specs.map((spec) => [spec.id, spec.message])) },
  };
}

function eventChannels(): ChannelSpec[] {
  return EVENT_CATALOG.map((entry) => ({
    id: camelCase(entry.type),
    address: eventSubject(entry.type),
    description: `${entry.name} events, as CloudEvents 1.0 (structured JSON)`,
    action: 'receive',
    message: {
      name: entry.type,
      title: entry.name,
      summary: entry.description,
      contentType: 'application/json',
      tags: [{ name: entry.category }],
      payload: eventEnvelopeSchema({ type: entry.type, data: entry.payloadSchema }),
    },
  }));
}

function runAndWorkflowChannels(): ChannelSpec[] {
  return [
    {
      id: 'runRequested',
      address: runRequestedSubject('{workflowId}'),
      description: 'One message per execution to perform; work queue, consumed by the runner',
      parameters: WORKFLOW_ID_PARAMETER,
      action: 'send',
      message: jsonMessage(
        'runRequest',
        'Run request',
        'A request to run a workflow once',
        RUN_REQUEST_SCHEMA,
      ),
    },
    {
      id: 'runFinished',
      address: runFinishedSubject('{workflowId}'),
      description: 'How each execution ended',
      parameters: WORKFLOW_ID_PARAMETER,
      action: 'send',
      message: jsonMessage('runResult', 'Run result', 'The outcome of one execution', RUN_RESULT_SCHEMA),
    },
    {
      id: 'workflowLifecycle',
      address: workflowSubject('{workflowId}'),
      description:
        'The latest definition of each workflow, or its tombstone; the stream keeps one per subject',
      parameters: WORKFLOW_ID_PARAMETER,
      action: 'send',
      message: jsonMessage(
        'workflowLifecycle',
        'Workflow lifecycle',
        'A workflow was created or changed, or deleted',
        WORKFLOW_LIFECYCLE_SCHEMA,
      ),
    },
    {
      id: 'deadLetter',
      address: dlqSubject('{subject}'),
      description: 'Messages that exhausted their deliveries, with the last error in their headers',
      parameters: { subject: { description: 'The subject the message was first published on' } },
      action: 'send',
      message: jsonMessage('deadLetter', 'Dead letter', 'The original message, body unchanged', {}),
    },
  ];
}

function jsonMessage(name: string, title: string, summary: string, payload: object): AsyncApiMessage {
  return { name, title, summary, contentType: 'application/json', payload: asAsyncApiSchema(payload) };
}

function channelOf(spec: ChannelSpec): AsyncApiChannel {
  return {
    address: spec.address,
    description: spec.description,
    ...(spec.parameters === undefined ? {} : { parameters: spec.parameters }),
    messages: { [spec.id]: { $ref: `#/components/messages/${spec.id}` } },
  };
}

function operationOf(spec: ChannelSpec): AsyncApiOperation {
  return {
    action: spec.action,
    channel: { $ref: `#/channels/${spec.id}` },
    summary: spec.message.summary,
    messages: [{ $ref: `#/channels/${spec.id}/messages/${spec.id}` }],
  };
}

function natsServer(serverUrl: string) {
  const url = new URL(serverUrl);
  return { host: url.host, protocol: url.protocol.replace(/:$/, ''), description: 'NATS with JetStream' };
}

/**
 * AsyncAPI's Schema Object spells `discriminator` as a bare property name with inheritance
 * semantics, unlike OpenAPI's `{ propertyName }` that our schemas use for Ajv. The `const` tags
 * already say which variant is which, so the keyword is left out here.
 */
function asAsyncApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asAsyncApiSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === 'discriminator' && typeof value === 'object'))
      .map(([key, value]) => [key, asAsyncApiSchema(value)]),
  );
}

/** `project.status_changed` → `projectStatusChanged` */
function camelCase(type: string): string {
  return type
    .split(/[._]/)
    .map((part, i) => (i === 0 ? part : capitalize(part)))
    .join('');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
