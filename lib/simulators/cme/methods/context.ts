// What every method handler gets: the router, how to speak (dialect, quirks) and who it is.
import type { RouterBehaviour } from "../behaviour";
import type { Dialect, Quirk, ResolvedOptions } from "../options";
import type { MethodReply } from "../replies";
import type { RequestParam } from "../request";
import { RequestFault } from "../request";
import type { RouterState } from "../state";

export { nextFreeTag } from "../model";

export interface MethodContext {
  state: RouterState;
  dialect: Dialect;
  quirks: ReadonlySet<Quirk>;
  router: ResolvedOptions["router"];
  xmlUser: string;
  behaviour: RouterBehaviour;
}

export type MethodHandler = (params: readonly RequestParam[], context: MethodContext) => MethodReply;

/** Tags (ISDevID, ISExtID, …) are positive integers; anything else is a malformed request. */
export function tagValue(param: RequestParam): number {
  if (!/^\d+$/.test(param.value.trim())) throw new RequestFault(`${param.name} must be a number`);
  return Number(param.value.trim());
}

/** Adds to an ordered result once, so overlapping selectors ("1" and "all") list a phone once. */
export class OrderedSet<T> {
  private readonly items = new Map<string, T>();
  add(key: string, item: T): void {
    if (!this.items.has(key)) this.items.set(key, item);
  }
  values(): T[] {
    return [...this.items.values()];
  }
}

export function sortedByTag<T extends { tag: number }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a.tag - b.tag);
}
