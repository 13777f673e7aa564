import type { MisfirePolicy, ScheduleTrigger } from '@triggerline/contracts';
import { latestFireAtOrBefore, nextFireAfter } from './next-fire.js';

/** `fire_all` runs at most this many missed slots: a clock jump of years must not flood anyone. */
export const FIRE_ALL_CAP = 100;
/** Slots counted one by one; beyond, the count is extrapolated from their spacing. */
const COUNTED_ONE_BY_ONE = 10;

export interface MisfirePlan {
  /** Slots to run now as catch-up, oldest first. */
  fire: Date[];
  /** Due slots not run (reported in the job's missed count). */
  missed: number;
  /** `fire_all` found more than FIRE_ALL_CAP slots and ran the latest ones only. */
  capped: boolean;
  /** The first slot after `now`: where normal firing resumes. */
  next: Date | undefined;
}

/**
 * What to do with the slots from `firstDue` up to `now` (both included) that passed while no
 * scheduler was running them. Bounded work whatever the gap: the latest slots are found walking
 * back from `now`, and the slots are counted, not enumerated.
 */
export function planMisfires(
  schedule: ScheduleTrigger,
  policy: MisfirePolicy,
  firstDue: Date,
  now: Date,
  anchor: Date,
): MisfirePlan {
  const next = nextFireAfter(schedule, now, anchor);
  const total = countSlots(schedule, firstDue, now, anchor);
  const wanted = policy === 'skip' ? 0 : policy === 'fire_once' ? 1 : FIRE_ALL_CAP;
  const fire = latestSlots(schedule, firstDue, now, anchor, Math.min(wanted, total));
  return {
    fire,
    missed: Math.max(0, total - fire.length),
    capped: policy === 'fire_all' && total > FIRE_ALL_CAP,
    next,
  };
}

function latestSlots(schedule: ScheduleTrigger, from: Date, to: Date, anchor: Date, limit: number): Date[] {
  const slots: Date[] = [];
  let cursor = to;
  while (slots.length < limit) {
    const slot = latestFireAtOrBefore(schedule, cursor, anchor);
    if (!slot || slot < from) break;
    slots.unshift(slot);
    cursor = new Date(slot.getTime() - 1);
  }
  return slots;
}

/**
 * Slots in [from, to]: exact for intervals and for evenly spaced crons (every N seconds, minutes,
 * hours, days), an estimate from the spacing of the first slots for the others (months, `L`).
 */
export function countSlots(schedule: ScheduleTrigger, from: Date, to: Date, anchor: Date): number {
  if (to < from) return 0;
  if (schedule.schedule_type === 'interval') {
    const first = nextFireAfter(schedule, new Date(from.getTime() - 1), anchor);
    if (!first || first > to) return 0;
    return Math.floor((to.getTime() - first.getTime()) / (schedule.interval_seconds * 1000)) + 1;
  }
  const counted: Date[] = [];
  let cursor = new Date(from.getTime() - 1);
  while (counted.length < COUNTED_ONE_BY_ONE) {
    const slot = nextFireAfter(schedule, cursor, anchor);
    if (!slot || slot > to) return counted.length;
    counted.push(slot);
    cursor = slot;
  }
  const first = counted[0].getTime();
  const last = counted[counted.length - 1].getTime();
  const spacing = (last - first) / (counted.length - 1);
  return counted.length + Math.floor((to.getTime() - last) / spacing);
}
