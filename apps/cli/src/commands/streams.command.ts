import { jetstreamManager } from '@nats-io/jetstream';
import { STREAMS } from '@triggerline/contracts';
import { connectNats, provisionStreams } from '@triggerline/messaging';
import { formatTable } from '../table.js';

export interface StreamsCommandOptions {
  natsUrl: string;
  replicas: number;
}

/** Creates or updates Triggerline's JetStream streams, then shows what each one holds. */
export async function streamsCommand({ natsUrl, replicas }: StreamsCommandOptions): Promise<string> {
  const connection = await connectNats({ servers: natsUrl, name: 'triggerline-cli' });
  try {
    const jsm = await jetstreamManager(connection);
    await provisionStreams(jsm, { replicas });
    const rows = [];
    for (const { name, subjects } of Object.values(STREAMS)) {
      const { state, config } = await jsm.streams.info(name);
      rows.push([name, subjects.join(' '), config.num_replicas, state.messages, state.bytes]);
    }
    return `JetStream at ${connection.getServer()}\n\n${formatTable(['STREAM', 'SUBJECTS', 'REPLICAS', 'MESSAGES', 'BYTES'], rows)}`;
  } finally {
    await connection.close();
  }
}
