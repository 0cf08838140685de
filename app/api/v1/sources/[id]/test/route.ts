import { route } from "@/lib/api/route";
import { testSource } from "@/lib/api/contracts/sources";
import { testSavedSource } from "@/lib/services/sources/service";

export const POST = route(testSource, async ({ params, actor }) => testSavedSource(params.id, actor));
