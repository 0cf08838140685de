// This process's name as a lease holder: host, process id and a random part, so a restarted
// process never mistakes a dead predecessor's lease for its own.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

const holder = globalThis as unknown as { linewatchInstanceId?: string };

export function defaultInstanceId(): string {
  holder.linewatchInstanceId ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return holder.linewatchInstanceId;
}
