/**
 * The demo's three workflows, one per kind of trigger. Found again by name on a re-run, so the demo
 * never piles up copies (and never two 10-second schedules).
 */
export const DEMO_WORKFLOWS = {
  event: {
    name: 'Demo: thank big payers',
    description: 'triggerline demo: runs for invoice.paid events of 1000 or more',
    status: 'active',
    trigger: { type: 'event', event: 'invoice.paid', filter: 'data.amount >= 1000' },
    steps: [
      {
        id: 'thank',
        type: 'log',
        message:
          'invoice {{ input.invoice_number }} paid: {{ input.amount }} by {{ input.customer_id }}, sending thanks',
      },
    ],
  },
  schedule: {
    name: 'Demo: heartbeat every 10 s',
    description: 'triggerline demo: a schedule every 10 seconds (the demo pauses it when done)',
    status: 'active',
    trigger: { type: 'schedule', schedule_type: 'interval', interval_seconds: 10 },
    steps: [{ id: 'beat', type: 'log', message: 'heartbeat for the slot {{ trigger.scheduled_time }}' }],
  },
  webhook: {
    name: 'Demo: partner order webhook',
    description: 'triggerline demo: a partner posts orders, signed with Standard Webhooks',
    status: 'active',
    trigger: { type: 'webhook', scheme: 'standard' },
    steps: [
      {
        id: 'record',
        type: 'log',
        message: 'order {{ input.order_id }} from the partner (delivery {{ trigger.delivery_id }})',
      },
    ],
  },
} as const;

export type DemoKind = keyof typeof DEMO_WORKFLOWS;

/** Two invoice.paid payloads: the first passes the filter, the second does not. */
export function demoInvoicePayments(now: Date): { amount: number; data: Record<string, unknown> }[] {
  const stamp = now.toISOString();
  const suffix = stamp.replace(/\D/g, '').slice(0, 14);
  return [1250, 40].map((amount, index) => ({
    amount,
    data: {
      invoice_id: `inv-demo-${suffix}-${index + 1}`,
      invoice_number: `DEMO-${suffix}-${index + 1}`,
      customer_id: 'cust-demo',
      amount,
      paid_at: stamp,
    },
  }));
}
