import { route } from "@/lib/api/route";
import { getOverview } from "@/lib/api/contracts/inventory";
import { overview } from "@/lib/services/overview";

export const GET = route(getOverview, async ({ query }) => overview(query.range));
