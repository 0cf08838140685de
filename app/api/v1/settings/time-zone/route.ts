import { route } from "@/lib/api/route";
import { getTimeZone, setTimeZone } from "@/lib/api/contracts/settings";
import { getTimeZoneSetting, setTimeZoneSetting } from "@/lib/services/time-zone";

export const GET = route(getTimeZone, async () => getTimeZoneSetting());
export const PUT = route(setTimeZone, async ({ body, actor }) => setTimeZoneSetting(body.timeZone, actor));
