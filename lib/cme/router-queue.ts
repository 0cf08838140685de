// One request at a time per router. A router's XML interface has a small `request outstanding`
// limit and one response buffer, so concurrent callers (poller, helpdesk actions, several client
// objects for the same router) queue here, keyed by the router's endpoint.

const tails = new Map<string, Promise<void>>();

/** Runs `task` after every earlier task for the same router has settled. */
export function oneAtATime<T>(routerKey: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(routerKey) ?? Promise.resolve();
  const result = previous.then(task);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(routerKey, tail);
  void tail.then(() => {
    if (tails.get(routerKey) === tail) tails.delete(routerKey); // keep the map small when idle
  });
  return result;
}

/** The queue key of an endpoint: scheme, host (lower case), port and path. */
export function routerKey(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, "")}`;
}
