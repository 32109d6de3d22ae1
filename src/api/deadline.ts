/**
 * A request's signal: aborted after `ms`, or as soon as the caller's own `signal` is (check the caller's first to
 * tell a timeout from a cancellation). What `AbortSignal.any([signal, AbortSignal.timeout(ms)])` does, written out
 * because Safari before 17.4 (every iPhone left on iOS 16, and 17.0-17.3), Firefox before 124 and Chrome before 116
 * have no `AbortSignal.any`, nor Safari before 16 `AbortSignal.timeout`: there every request threw a TypeError
 * before it was sent, and every element showed its error state.
 *
 * `clear()` once the response has been read: it stops the timer and leaves the caller's signal (often the store's
 * session signal, which lives as long as the page) without our listener. Both go by themselves when either fires.
 */
export interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

export function deadline(ms: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  const clear = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', callerAborted);
  };
  const callerAborted = () => {
    clear();
    controller.abort(signal!.reason);
  };
  const timer = setTimeout(() => {
    clear();
    controller.abort(new DOMException('Timed out', 'TimeoutError'));
  }, ms);
  if (signal?.aborted) callerAborted();
  else signal?.addEventListener('abort', callerAborted);
  return { signal: controller.signal, clear };
}
