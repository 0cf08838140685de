import { route } from "@/lib/api/route";
import { listAudit } from "@/lib/api/contracts/audit";
import { auditCsv, auditPage } from "@/lib/services/audit";

export const GET = route(listAudit, async ({ query }) => {
  const filter = { ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
  if (query.format === "csv") {
    return new Response(await auditCsv(filter), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="linewatch-audit.csv"', "cache-control": "no-store" },
    });
  }
  return auditPage(filter);
});
