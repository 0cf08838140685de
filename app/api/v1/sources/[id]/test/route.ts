import { route } from "@/lib/api/route";
import { testSource } from "@/lib/api/contracts/sources";
import * as sources from "@/lib/services/sources/service";

export const POST = route(testSource, async ({ params, actor }) => sources.testSource(params.id, actor));
