import { route } from "@/lib/api/route";
import { refreshPhone } from "@/lib/api/contracts/phone-refresh";
import * as phoneRefresh from "@/lib/inventory/refresh-phone";

export const POST = route(refreshPhone, async ({ params, actor }) => phoneRefresh.refreshPhone(params.name, actor));
