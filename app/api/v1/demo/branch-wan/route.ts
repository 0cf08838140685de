import { route } from "@/lib/api/route";
import { setBranchWan } from "@/lib/api/contracts/sites";
import { setBranchWan as switchBranchWan } from "@/lib/services/sites";

export const POST = route(setBranchWan, async ({ body, actor }) => switchBranchWan(body.wan, actor));
