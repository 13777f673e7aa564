import { CreateWebhookTriggers1767312000000 } from './1767312000000-create-webhook-triggers.js';
import { IndexDeliveriesByDeliveryId1767398400000 } from './1767398400000-index-deliveries-by-delivery-id.js';

/** Every migration, oldest first; run at start-up. */
export const INGRESS_MIGRATIONS = [
  CreateWebhookTriggers1767312000000,
  IndexDeliveriesByDeliveryId1767398400000,
];
