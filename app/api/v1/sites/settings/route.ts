import { route } from "@/lib/api/route";
import { getSiteSettings, putSiteSettings } from "@/lib/api/contracts/sites";
import { saveSiteSettings, siteSettings } from "@/lib/services/sites";

export const GET = route(getSiteSettings, async () => siteSettings());
export const PUT = route(putSiteSettings, async ({ body, actor }) => saveSiteSettings(body, actor));
