import { BaseRpcContext } from '@nestjs/microservices';
import type { HeaderValues, ReceivedMessage } from '@triggerline/messaging';

/** What an `@EventPattern` handler can ask about the JetStream message behind its payload (`@Ctx()`). */
export class JetStreamContext extends BaseRpcContext<[ReceivedMessage]> {
  getMessage(): ReceivedMessage {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[0].subject;
  }

  getHeaders(): HeaderValues {
    return this.args[0].headers;
  }

  /** 1 on the first delivery; more after a failure or a crash. */
  getDeliveryCount(): number {
    return this.args[0].deliveryCount;
  }
}
