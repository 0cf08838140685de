import { route } from "@/lib/api/route";
import { pollSourceNow } from "@/lib/api/contracts/polls";
import { pollNow } from "@/lib/inventory/poll-now";

export const POST = route(pollSourceNow, async ({ params, actor }) => pollNow(params.id, actor));
