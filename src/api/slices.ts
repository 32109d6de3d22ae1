/**
 * Long lists read in slices, a task each. Every item still goes through its zod schema before anything is
 * shown; between slices the event loop runs whatever is waiting (a tap, a frame). Read in one task, a
 * 1,000-item wishlist held the main thread for 110–210 ms with the CPU slowed 4× (a mid-range phone), and
 * every tap on the page waited for it.
 */
import type * as z from 'zod/mini';
import { readEntry, type ReadItems } from './schemas/primitives.js';

/**
 * A task reads up to ITEMS_PER_TASK items, and stops sooner once it has taken MS_PER_TASK: a wishlist item takes
 * 0.1–0.2 ms with the CPU slowed 4× once the engine has optimised the schema, but the first ones, read before,
 * up to 0.7 ms.
 */
export const ITEMS_PER_TASK = 50;
export const MS_PER_TASK = 8;

/** What is left of the current task, shared by the lists of one answer (slices count items, not lists). */
export interface SliceBudget {
  left: number;
  until: number;
}

/** Empty, so that the first slice has a task of its own: the answer's has JSON.parse'd it (15 ms for 1,000 items at 4×). */
export const sliceBudget = (): SliceBudget => ({ left: 0, until: 0 });

/**
 * Resolves in a task of its own, after what the event loop holds already; rejects with the signal's reason when
 * it was aborted meanwhile (no more slices for a load nobody waits for). A MessageChannel task, not a timer:
 * browsers hold nested setTimeouts to 4 ms each, which would add 80 ms to a 1,000-item list. Not
 * scheduler.postTask: not in every supported browser, and the data layer keeps to what Node has as well.
 */
export function nextTask(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Reads a list's entries with `item` as readAll does, a slice per task (see ITEMS_PER_TASK). */
export async function readInSlices<T extends z.ZodMiniType>(
  item: T,
  list: readonly unknown[],
  signal?: AbortSignal,
  budget: SliceBudget = sliceBudget(),
): Promise<ReadItems<z.output<T>>> {
  const into: ReadItems<z.output<T>> = { items: [], dropped: [] };
  for (let index = 0; index < list.length; index += 1) {
    if (budget.left === 0 || performance.now() > budget.until) {
      await nextTask(signal);
      budget.left = ITEMS_PER_TASK;
      budget.until = performance.now() + MS_PER_TASK;
    }
    budget.left -= 1;
    readEntry(item, list[index], index, into);
  }
  return into;
}
