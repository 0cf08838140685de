import { route } from "@/lib/api/route";
import { testSourceSettings } from "@/lib/api/contracts/sources";
import { testSourceSettings as testSettings } from "@/lib/services/sources/service";

export const POST = route(testSourceSettings, async ({ body, actor }) => testSettings(body, actor));
