import { route } from "@/lib/api/route";
import { setBranchWan } from "@/lib/api/contracts/sites";
import * as sites from "@/lib/services/sites";

export const POST = route(setBranchWan, async ({ body, actor }) => sites.setBranchWan(body.wan, actor));
