import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { STREAMS, type StreamKey } from '@triggerline/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** JetStream's "stream name already in use" (not in the client's code table). */
const STREAM_NAME_IN_USE = 10058;

/**
 * Retention per stream. Every stream keeps messages by age (limits retention) rather than as a
 * work queue, so run requests stay readable for audit and replay; consumers track their own
 * progress and the consumer's database key makes a second delivery harmless.
 */
const STREAM_SETTINGS: Record<StreamKey, Partial<StreamConfig>> = {
  events: { max_age: nanos(7 * DAY_MS), duplicate_window: nanos(2 * 60_000) },
  runs: { max_age: nanos(7 * DAY_MS), duplicate_window: nanos(2 * 60_000) },
  runResults: { max_age: nanos(7 * DAY_MS), duplicate_window: nanos(2 * 60_000) },
  // The latest definition per workflow is the projection's source of truth: keep it for ever.
  workflows: { max_msgs_per_subject: 1, max_age: 0, duplicate_window: nanos(2 * 60_000) },
  dlq: { max_age: nanos(30 * DAY_MS), duplicate_window: nanos(2 * 60_000) },
};

export interface ProvisionOptions {
  /** Stream replicas (`NATS_REPLICAS`): 1 on one server, 3 on a cluster. */
  replicas: number;
}

export function streamConfig(key: StreamKey, options: ProvisionOptions): StreamConfig {
  const { name, subjects } = STREAMS[key];
  return {
    name,
    subjects: [...subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: options.replicas,
    max_msgs_per_subject: -1,
    ...STREAM_SETTINGS[key],
  } as StreamConfig;
}

/**
 * Creates the streams that are missing and brings existing ones to the expected settings.
 * Safe to run from every replica at every start-up.
 */
export async function provisionStreams(jsm: JetStreamManager, options: ProvisionOptions): Promise<void> {
  for (const key of Object.keys(STREAMS) as StreamKey[]) {
    const config = streamConfig(key, options);
    const existing = await jsm.streams.info(config.name).catch((error: unknown) => {
      if (isApiError(error, JetStreamApiCodes.StreamNotFound)) return undefined;
      throw error;
    });
    if (!existing) {
      await jsm.streams
        .add(config)
        // Another replica may have created it between our look-up and our add.
        .catch((error: unknown) =>
          isApiError(error, STREAM_NAME_IN_USE) ? undefined : Promise.reject(error),
        );
    } else if (differs(existing.config, config)) {
      await jsm.streams.update(config.name, config);
    }
  }
}

const COMPARED: (keyof StreamConfig)[] = [
  'subjects',
  'num_replicas',
  'max_age',
  'duplicate_window',
  'max_msgs_per_subject',
];

function differs(current: StreamConfig, wanted: StreamConfig): boolean {
  return COMPARED.some((key) => JSON.stringify(current[key] ?? null) !== JSON.stringify(wanted[key] ?? null));
}

export function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}
