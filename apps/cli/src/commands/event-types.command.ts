import { eventTypesByCategory } from '@triggerline/contracts';
import { formatTable } from '../table.js';

/** The event catalog: every type a business system may publish, by category. */
export function eventTypesCommand(): string {
  const rows = Object.entries(eventTypesByCategory()).flatMap(([category, types]) =>
    types.map((t) => [t.type, category, t.payloadSchema.required.join(', ')]),
  );
  return formatTable(['TYPE', 'CATEGORY', 'REQUIRED FIELDS'], rows);
}
