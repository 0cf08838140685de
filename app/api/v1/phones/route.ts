import { route } from "@/lib/api/route";
import { listPhones } from "@/lib/api/contracts/inventory";
import { phonePage, phonesCsv } from "@/lib/services/phones";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(listPhones, async ({ query }) => {
  const { format, ...rest } = query;
  if (format === "csv") return csvResponse(phonesCsv(rest), "linewatch-phones.csv");
  return phonePage(rest);
});
