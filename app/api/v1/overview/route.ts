import { route } from "@/lib/api/route";
import { getOverview } from "@/lib/api/contracts/inventory";
import * as overview from "@/lib/services/overview";

export const GET = route(getOverview, async ({ query }) =>
  overview.getOverview(query.range, new Date(), { timeZone: query.tz, scope: query.scope }),
);
