import { route } from "@/lib/api/route";
import { listAlerts } from "@/lib/api/contracts/alerts";
import { alertList } from "@/lib/alerts/service";

export const GET = route(listAlerts, async ({ query }) => alertList(query));
