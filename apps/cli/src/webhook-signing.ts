import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * The headers a sender of each scheme the ingress verifies would put on a delivery
 * (webhook-ingress/src/signatures): what `webhooks send` needs to deliver a test like a real one.
 */
export function signDelivery(
  scheme: string,
  secret: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const unix = Math.floor(now.getTime() / 1000);
  const hmacHex = (text: string) => createHmac('sha256', secret).update(text).digest('hex');
  switch (scheme) {
    case 'standard':
      return {
        'webhook-id': id,
        'webhook-timestamp': String(unix),
        'webhook-signature': new Webhook(secret).sign(id, new Date(unix * 1000), body),
      };
    case 'hmac-sha256':
      return { 'x-signature': `sha256=${hmacHex(body)}` };
    case 'github':
      return { 'x-hub-signature-256': `sha256=${hmacHex(body)}`, 'x-github-delivery': randomUUID() };
    case 'stripe':
      return { 'stripe-signature': `t=${unix},v1=${hmacHex(`${unix}.${body}`)}` };
    case 'none':
      return {};
    default:
      throw new Error(`cannot sign for the scheme "${scheme}"`);
  }
}
