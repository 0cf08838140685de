import { route } from "@/lib/api/route";
import { pollSourceNow } from "@/lib/api/contracts/polls";
import * as polls from "@/lib/services/polls";

export const POST = route(pollSourceNow, async ({ params, actor }) => polls.pollSourceNow(params.id, actor));
