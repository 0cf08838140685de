import { route } from "@/lib/api/route";
import { getDemo } from "@/lib/api/contracts/sites";
import * as sites from "@/lib/services/sites";

export const GET = route(getDemo, async () => sites.getDemo());
