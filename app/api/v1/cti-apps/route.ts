import { route } from "@/lib/api/route";
import { listCtiApps } from "@/lib/api/contracts/inventory";
import * as ctiApps from "@/lib/services/cti-apps";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(listCtiApps, async ({ query }) => {
  const { format, ...rest } = query;
  if (format === "csv") return csvResponse(ctiApps.listCtiAppsCsv(rest), "linewatch-cti-apps.csv");
  return ctiApps.listCtiApps(rest);
});
