import { route } from "@/lib/api/route";
import { listSiteEvents } from "@/lib/api/contracts/sites";
import { siteEvents } from "@/lib/services/sites";

export const GET = route(listSiteEvents, async ({ query }) => siteEvents(query));
