import { route } from "@/lib/api/route";
import { listAlerts } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const GET = route(listAlerts, async ({ query }) => alerts.listAlerts(query));
