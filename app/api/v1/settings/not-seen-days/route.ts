import { route } from "@/lib/api/route";
import { getNotSeenDays, setNotSeenDays } from "@/lib/api/contracts/settings";
import { getNotSeenDaysSetting, setNotSeenDaysSetting } from "@/lib/services/not-seen-days";

export const GET = route(getNotSeenDays, async () => getNotSeenDaysSetting());
export const PUT = route(setNotSeenDays, async ({ body, actor }) => setNotSeenDaysSetting(body.days, actor));
