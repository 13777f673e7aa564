import { CreateWebhookTriggers1767312000000 } from './1767312000000-create-webhook-triggers.js';

/** Every migration, oldest first; run at start-up. */
export const INGRESS_MIGRATIONS = [CreateWebhookTriggers1767312000000];
