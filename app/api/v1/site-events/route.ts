import { route } from "@/lib/api/route";
import { listSiteEvents } from "@/lib/api/contracts/sites";
import * as sites from "@/lib/services/sites";

export const GET = route(listSiteEvents, async ({ query }) => sites.listSiteEvents(query));
