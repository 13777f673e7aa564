// Deterministic keys for run requests (DESIGN.md). Each is used as `Nats-Msg-Id`, so JetStream drops
// a duplicate inside its window, and as a unique key in the runner's database beyond it.

/** One run per (event, workflow), however often the event is redelivered. */
export function eventRunKey(eventId: string, workflowId: string): string {
  return `evt:${eventId}:${workflowId}`;
}

/** One run per fire time, even when two scheduler replicas both fire during a leader hand-over. */
export function scheduleRunKey(workflowId: string, scheduledAt: Date): string {
  return `sch:${workflowId}:${scheduledAt.toISOString()}`;
}

/** `deliveryId`: the sender's delivery id header, or a hash of body and timestamp when it sends none. */
export function webhookRunKey(triggerId: string, deliveryId: string): string {
  return `wh:${triggerId}:${deliveryId}`;
}

/** A manual run is unique by intent: the caller keeps the key to retry without running twice. */
export function manualRunKey(id: string = crypto.randomUUID()): string {
  return `man:${id}`;
}
