import { route } from "@/lib/api/route";
import { getSiteSettings, saveSiteSettings } from "@/lib/api/contracts/sites";
import * as sites from "@/lib/services/sites";

export const GET = route(getSiteSettings, async () => sites.getSiteSettings());
export const PUT = route(saveSiteSettings, async ({ body, actor }) => sites.saveSiteSettings(body, actor));
