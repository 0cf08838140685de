import { route } from "@/lib/api/route";
import { readConfiguredNow } from "@/lib/api/contracts/configured";
import { readConfiguredNow as readNow } from "@/lib/services/sources/configured-read";

export const POST = route(readConfiguredNow, async ({ params, actor }) => readNow(params.id, actor));
