import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/api/contracts/audit";
import * as audit from "@/lib/services/audit";
import { csvResponse } from "@/lib/api/csv";

export const GET = route(listAudit, async ({ query }) => {
  const filter = {
    ...query,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  };
  if (query.format === "csv") return csvResponse(audit.listAuditCsv(filter), "linewatch-audit.csv");
  return audit.listAudit(filter);
});
