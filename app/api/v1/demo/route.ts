import { route } from "@/lib/api/route";
import { getDemo } from "@/lib/api/contracts/sites";
import { demoState } from "@/lib/sites/service";

export const GET = route(getDemo, async () => demoState());
