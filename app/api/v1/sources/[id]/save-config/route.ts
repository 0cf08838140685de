import { route } from "@/lib/api/route";
import { saveRouterConfig } from "@/lib/api/contracts/cme-actions";
import * as saveConfig from "@/lib/services/cme-actions/save-config";

export const POST = route(saveRouterConfig, async ({ params, actor }) => saveConfig.saveRouterConfig(params.id, actor));
