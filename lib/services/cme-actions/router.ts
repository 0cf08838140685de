// Opens a CME router source for a helpdesk action: the stored connection (password opened only
// here, in memory) turned into a CME client with the source's TLS trust and timeout.
import "server-only";
import type { CmeClient } from "@/lib/cme";
import { routerClient } from "@/lib/inventory/clients";
import { getSource, listSources, sourceConnection } from "@/lib/db/sources";
import { AppError } from "@/lib/errors";
import type { CmeRouter, CmeRouterChoice } from "@/lib/domain/cme-actions";
import { countKeyPhones } from "@/lib/db/key-phones";

export interface OpenRouter {
  router: CmeRouter;
  client: CmeClient;
}

const noSuchRouter = () => new AppError("not_found", "There is no CME router with that id.");

export async function openCmeRouter(sourceId: string): Promise<OpenRouter> {
  const connection = await sourceConnection(sourceId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw noSuchRouter();
    throw error;
  });
  if (connection.kind !== "cme") throw noSuchRouter();
  const client = routerClient(connection);
  return { router: { id: connection.id, name: connection.name, site: connection.site }, client };
}

/** The router's name, without opening its password: for reads from the stored inventory. */
export async function findCmeRouter(sourceId: string): Promise<CmeRouter> {
  const source = await getSource(sourceId);
  if (source?.kind !== "cme") throw noSuchRouter();
  return { id: source.id, name: source.name, site: source.site };
}

/** The router picker: every CME source, by name. */
export async function listCmeRouters(): Promise<CmeRouterChoice[]> {
  const routers = (await listSources()).filter((s) => s.kind === "cme");
  const keyPhones = await countKeyPhones(routers.map((r) => r.id));
  return routers.map((s) => ({ id: s.id, name: s.name, site: s.site, keyPhones: keyPhones.get(s.id) ?? 0 }));
}
