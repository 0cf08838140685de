import { route } from "@/lib/api/route";
import { testSourceSettings } from "@/lib/api/contracts/sources";
import * as sources from "@/lib/services/sources/service";

export const POST = route(testSourceSettings, async ({ body, actor }) => sources.testSourceSettings(body, actor));
