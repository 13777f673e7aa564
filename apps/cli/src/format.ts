import type { TriggerDefinition } from '@triggerline/contracts';

/** An ISO instant to the second, as lists show it. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How long from one instant to another: "850 ms", "4.2 s", "3 min 5 s". */
export function duration(from: string | null | undefined, to: string | null | undefined): string {
  if (!from || !to) return '-';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function orDash(value: unknown): string {
  return value === null || value === undefined || value === '' ? '-' : String(value);
}

/** A trigger in one cell: "event invoice.paid [data.amount >= 1000]", "schedule interval 10s". */
export function describeTrigger(trigger: TriggerDefinition): string {
  switch (trigger.type) {
    case 'event':
      return `event ${trigger.event}${trigger.filter ? ` [${trigger.filter}]` : ''}`;
    case 'schedule': {
      const detail =
        trigger.schedule_type === 'cron'
          ? trigger.cron
          : trigger.schedule_type === 'interval'
            ? `${trigger.interval_seconds}s`
            : trigger.schedule_type === 'daily'
              ? trigger.time
              : `day ${trigger.day} ${trigger.time}`;
      return `schedule ${trigger.schedule_type} ${detail}`;
    }
    case 'webhook':
      return `webhook ${trigger.scheme ?? 'standard'}${trigger.path ? ` ${trigger.path}` : ''}`;
    case 'manual':
      return 'manual';
  }
}
