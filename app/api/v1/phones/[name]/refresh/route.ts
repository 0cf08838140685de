import { route } from "@/lib/api/route";
import { refreshPhone } from "@/lib/api/contracts/phone-refresh";
import * as polls from "@/lib/services/polls";

export const POST = route(refreshPhone, async ({ params, actor }) => polls.refreshPhone(params.name, actor));
