import { route } from "@/lib/api/route";
import { listExtensions } from "@/lib/api/contracts/inventory";
import { extensionPage, extensionsCsv } from "@/lib/services/extensions";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(listExtensions, async ({ query }) => {
  const { format, ...rest } = query;
  if (format === "csv") return csvResponse(extensionsCsv(rest), "linewatch-extensions.csv");
  return extensionPage(rest);
});
