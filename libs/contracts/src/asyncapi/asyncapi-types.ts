// The part of AsyncAPI 3.0 that buildAsyncApiDocument writes. Our own types, so that the library
// needs no AsyncAPI package at run time; the spec checks the result with @asyncapi/parser.

export type AsyncApiReference = { $ref: string };

export type AsyncApiMessage = {
  name: string;
  title: string;
  summary: string;
  contentType: 'application/json';
  tags?: { name: string }[];
  payload: unknown;
};

export type AsyncApiChannel = {
  address: string;
  description: string;
  parameters?: Record<string, { description: string }>;
  messages: Record<string, AsyncApiReference>;
};

export type AsyncApiOperation = {
  action: 'send' | 'receive';
  channel: AsyncApiReference;
  summary: string;
  messages: AsyncApiReference[];
};

export type AsyncApiDocument = {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  servers?: Record<string, { host: string; protocol: string; description: string }>;
  defaultContentType: 'application/json';
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, AsyncApiMessage> };
};

export interface AsyncApiOptions {
  /** The version of the API, e.g. the package version. */
  version: string;
  /** e.g. `nats://127.0.0.1:4222`; without it the document names no server. */
  serverUrl?: string;
}
