import { route } from "@/lib/api/route";
import { listExtensions } from "@/lib/api/contracts/inventory";
import * as extensions from "@/lib/services/extensions";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(listExtensions, async ({ query }) => {
  const { format, ...rest } = query;
  if (format === "csv") return csvResponse(extensions.listExtensionsCsv(rest), "linewatch-extensions.csv");
  return extensions.listExtensions(rest);
});
