import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { EVENT_CATALOG } from '../events/catalog.js';
import { buildAsyncApiDocument } from './asyncapi-document.js';

describe('AsyncAPI document', () => {
  const document = buildAsyncApiDocument({ version: '1.2.3', serverUrl: 'nats://nats.internal:4222' });

  it('parses with @asyncapi/parser without errors', async () => {
    const { diagnostics } = await new Parser().parse(document);
    const errors = diagnostics
      .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
      .map((diagnostic) => `${diagnostic.code} at ${diagnostic.path.join('/')}: ${diagnostic.message}`);
    expect(errors).toEqual([]);
  });

  it('has one channel per event subject and the run, workflow and DLQ channels', () => {
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    expect(addresses).toHaveLength(34);
    expect(addresses.slice(0, 2)).toEqual(['events.invoice.created', 'events.invoice.sent']);
    expect(addresses.slice(30)).toEqual([
      'runs.requested.{workflowId}',
      'runs.finished.{workflowId}',
      'workflows.{workflowId}',
      'dlq.{subject}',
    ]);
    expect(document.channels['runRequested']?.parameters).toEqual({
      workflowId: { description: 'Id of the workflow the message is about' },
    });
    expect(document.servers).toEqual({
      nats: { host: 'nats.internal:4222', protocol: 'nats', description: 'NATS with JetStream' },
    });
  });

  it('describes each event type as a message whose payload is the envelope with that type and data', () => {
    const messageNames = Object.values(document.components.messages).map((message) => message.name);
    expect(messageNames.slice(0, 30)).toEqual(EVENT_CATALOG.map((entry) => entry.type));
    expect(document.components.messages['projectStatusChanged']).toMatchObject({
      name: 'project.status_changed',
      title: 'Project Status Changed',
      summary: 'Triggered when a project status is updated',
      contentType: 'application/json',
      tags: [{ name: 'projects' }],
      payload: {
        required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data'],
        properties: {
          type: { const: 'project.status_changed' },
          data: { required: ['project_id', 'old_status', 'new_status'] },
        },
      },
    });
  });

  it('has operations that point at their channel and its message', () => {
    expect(document.operations['receiveInvoiceCreated']).toEqual({
      action: 'receive',
      channel: { $ref: '#/channels/invoiceCreated' },
      summary: 'Triggered when a new invoice is created',
      messages: [{ $ref: '#/channels/invoiceCreated/messages/invoiceCreated' }],
    });
    expect(document.operations['sendRunRequested']).toMatchObject({
      action: 'send',
      channel: { $ref: '#/channels/runRequested' },
    });
    expect(Object.keys(document.operations)).toHaveLength(34);
  });

  it('leaves out the OpenAPI-style discriminator, which AsyncAPI spells differently', () => {
    expect(JSON.stringify(document)).not.toContain('propertyName');
  });

  it('names no server when given no URL', () => {
    expect(buildAsyncApiDocument({ version: '1.2.3' })).not.toHaveProperty('servers');
  });
});
