import { route } from "@/lib/api/route";
import { getAvailability } from "@/lib/api/contracts/availability";
import * as availability from "@/lib/services/availability";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(getAvailability, async ({ query }) => {
  const { format, bom, ...rest } = query;
  if (format === "csv")
    return csvResponse(
      await availability.availabilityCsv(rest, bom === "1"),
      `linewatch-availability-${rest.month ?? "this-month"}.csv`,
    );
  return availability.availabilityReport(rest);
});
