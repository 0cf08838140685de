import { route } from "@/lib/api/route";
import { getPoller } from "@/lib/api/contracts/poller";
import * as poller from "@/lib/services/poller";

export const GET = route(getPoller, async () => poller.getPoller());
