// Stores what a poll read: each record is compared with the stored one by fingerprint, and only
// new, changed and newly missing records are written, each with its change events. A poll that
// finds nothing changed writes nothing here.
import type { InventoryStore, SubjectWrites } from "@/lib/db/inventory-store";
import type { StateOf, SubjectKind } from "@/lib/db/inventory-types";
import { carryForward, changesOf, missingEvent, statusOf } from "./changes";
import { fingerprint, keyOf, type ObservedList, type SourceSnapshot } from "./snapshot";

interface StoreContext {
  sourceId: string;
  pollId: string;
  at: Date;
  /** The source has never been polled successfully. */
  firstPoll?: boolean;
}

async function storeList<K extends SubjectKind>(
  store: InventoryStore,
  kind: K,
  list: ObservedList<StateOf<K>>,
  context: StoreContext,
): Promise<{ changed: number; events: number; subjects: string[] }> {
  const index = await store.currentIndex(kind, context.sourceId);
  // A source's first poll is Linewatch starting to watch, not 40,000 devices appearing: the rows
  // carry firstSeenAt, and the timeline starts with the first real change.
  const initial = context.firstPoll === true && index.size === 0;
  const seen = new Set<string>();
  const writes: SubjectWrites<K> = { kind, creates: [], updates: [], missing: [] };
  const changed: Array<{ id: string; wasMissing: boolean; state: StateOf<K>; fingerprint: string }> = [];
  for (const state of list.items) {
    const key = keyOf(kind, state);
    if (seen.has(key)) continue; // a source listing one record twice: the first wins
    seen.add(key);
    const print = fingerprint(kind, state);
    const entry = index.get(key);
    if (!entry) writes.creates.push({ state, fingerprint: print, events: initial ? [] : changesOf(kind, null, state) });
    else if (entry.missing || entry.fingerprint !== print)
      changed.push({ id: entry.id, wasMissing: entry.missing, state, fingerprint: print });
  }
  // Full rows only for what changed: their old values are the events' "before".
  const previous = new Map(
    (
      await store.currentRows(
        kind,
        changed.map((c) => c.id),
      )
    ).map((row) => [row.id, row]),
  );
  for (const change of changed) {
    const before = previous.get(change.id) ?? null;
    if (before && !change.wasMissing && list.storedIsNewer?.(before, change.state)) continue;
    const state = before ? carryForward(kind, before, change.state) : change.state;
    writes.updates.push({
      id: change.id,
      state,
      // The fingerprint is of what the source reported, so a value carried forward does not read as a change next time.
      fingerprint: change.fingerprint,
      statusChanged: change.wasMissing || !before || statusOf(kind, before) !== statusOf(kind, state),
      events: changesOf(kind, before, state, change.wasMissing),
    });
  }
  // Only a complete list proves a record is gone; an incomplete one keeps the previous records.
  if (list.complete) {
    for (const entry of index.values()) {
      if (!entry.missing && !seen.has(entry.key))
        writes.missing.push({ id: entry.id, key: entry.key, events: [missingEvent(kind, entry)] });
    }
  }
  const events = await store.writeSubjects({
    sourceId: context.sourceId,
    pollId: context.pollId,
    at: context.at,
    writes,
  });
  const subjects = [
    ...writes.creates.map((c) => keyOf(kind, c.state)),
    ...writes.updates.map((u) => keyOf(kind, u.state)),
    ...writes.missing.map((m) => m.key),
  ];
  return { changed: writes.creates.length + writes.updates.length + writes.missing.length, events, subjects };
}

export interface StoredSnapshot {
  /** Records created, changed or marked missing. */
  changed: number;
  events: number;
  routerEvents: number;
  /** Names of the devices created, changed or marked missing: their effective state is worked out again. */
  devicesTouched: string[];
}

export async function storeSnapshot(
  store: InventoryStore,
  context: StoreContext,
  snapshot: SourceSnapshot,
): Promise<StoredSnapshot> {
  const total: StoredSnapshot = { changed: 0, events: 0, routerEvents: 0, devicesTouched: [] };
  const add = (r: { changed: number; events: number }) => {
    total.changed += r.changed;
    total.events += r.events;
  };
  if (snapshot.devices) {
    const devices = await storeList(store, "device", snapshot.devices, context);
    add(devices);
    total.devicesTouched = devices.subjects;
  }
  if (snapshot.extensions) add(await storeList(store, "extension", snapshot.extensions, context));
  if (snapshot.cti) add(await storeList(store, "cti", snapshot.cti, context));
  total.routerEvents = await store.storeRouterEvents(context.sourceId, snapshot.routerEvents, context.at);
  return total;
}
