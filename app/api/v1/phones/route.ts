import { route } from "@/lib/api/route";
import { listPhones } from "@/lib/api/contracts/inventory";
import * as phones from "@/lib/services/phones";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(listPhones, async ({ query }) => {
  const { format, ...rest } = query;
  if (format === "csv") return csvResponse(phones.listPhonesCsv(rest), "linewatch-phones.csv");
  return phones.listPhones(rest);
});
