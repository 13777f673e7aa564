// Node refuses longer timeouts (it fires them at once); a far-off entry just re-arms.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface Entry {
  key: string;
  due: number;
}

/**
 * Keys with due times in a binary min-heap and one timer set to the earliest: no polling, and
 * O(log n) per change whatever the number of jobs. When the timer goes off every entry that is
 * due leaves the queue and goes to `onDue` at once, oldest first.
 */
export class TimerQueue {
  private readonly heap: Entry[] = [];
  private readonly positions = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private armedFor?: number;

  constructor(
    private readonly onDue: (keys: { key: string; due: Date }[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.heap.length;
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }

  /** Adds the key, or moves it to its new due time. */
  set(key: string, due: Date): void {
    const position = this.positions.get(key);
    if (position === undefined) {
      this.heap.push({ key, due: due.getTime() });
      this.positions.set(key, this.heap.length - 1);
      this.up(this.heap.length - 1);
    } else {
      this.heap[position].due = due.getTime();
      this.down(this.up(position));
    }
    this.arm();
  }

  delete(key: string): void {
    const position = this.positions.get(key);
    if (position === undefined) return;
    this.removeAt(position);
    this.arm();
  }

  clear(): void {
    this.heap.length = 0;
    this.positions.clear();
    this.disarm();
  }

  /** The earliest due time, if any. */
  peek(): Date | undefined {
    return this.heap.length > 0 ? new Date(this.heap[0].due) : undefined;
  }

  private arm(): void {
    const earliest = this.heap[0]?.due;
    if (earliest === undefined) return this.disarm();
    if (this.armedFor === earliest && this.timer) return;
    this.disarm();
    this.armedFor = earliest;
    const delay = Math.min(Math.max(0, earliest - this.now()), MAX_TIMEOUT_MS);
    this.timer = setTimeout(() => this.expire(), delay);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  private expire(): void {
    this.timer = undefined;
    this.armedFor = undefined;
    const now = this.now();
    const due: { key: string; due: Date }[] = [];
    while (this.heap.length > 0 && this.heap[0].due <= now) {
      const { key, due: at } = this.heap[0];
      this.removeAt(0);
      due.push({ key, due: new Date(at) });
    }
    this.arm();
    if (due.length > 0) this.onDue(due);
  }

  private removeAt(position: number): void {
    this.positions.delete(this.heap[position].key);
    const last = this.heap.pop();
    if (last && position < this.heap.length) {
      this.heap[position] = last;
      this.positions.set(last.key, position);
      this.down(this.up(position));
    }
  }

  private up(position: number): number {
    let index = position;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.heap[parent].due <= this.heap[index].due) break;
      this.swap(index, parent);
      index = parent;
    }
    return index;
  }

  private down(position: number): number {
    let index = position;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && this.heap[left].due < this.heap[smallest].due) smallest = left;
      if (right < this.heap.length && this.heap[right].due < this.heap[smallest].due) smallest = right;
      if (smallest === index) return index;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b], this.heap[a]];
    this.positions.set(this.heap[a].key, a);
    this.positions.set(this.heap[b].key, b);
  }
}
