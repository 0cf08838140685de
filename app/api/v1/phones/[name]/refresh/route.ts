import { route } from "@/lib/api/route";
import { refreshPhoneNow } from "@/lib/api/contracts/phone-refresh";
import { refreshPhone } from "@/lib/inventory/refresh-phone";

export const POST = route(refreshPhoneNow, async ({ params, actor }) => refreshPhone(params.name, actor));
