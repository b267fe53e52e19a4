/**
 * An async iterator over values pushed by `listen`, for a subscription resolver. `listen` gets a
 * push function and returns its unsubscribe; values for which `select` returns undefined are
 * skipped. Ending the iteration (client unsubscribes or disconnects) unsubscribes.
 */
export function pushIterator<In, Out>(
  listen: (push: (value: In) => void) => () => void,
  select: (value: In) => Out | undefined,
): AsyncIterableIterator<Out> {
  const buffered: Out[] = [];
  let waiting: ((result: IteratorResult<Out>) => void) | undefined;
  let done = false;
  const unsubscribe = listen((value) => {
    if (done) return;
    const selected = select(value);
    if (selected === undefined) return;
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: selected, done: false });
    } else {
      buffered.push(selected);
    }
  });
  const finish = (): Promise<IteratorResult<Out>> => {
    if (!done) {
      done = true;
      unsubscribe();
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
      buffered.length = 0;
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next() {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift() as Out, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw(error: unknown) {
      void finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
