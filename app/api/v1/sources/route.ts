import { route } from "@/lib/api/route";
import { createSource, listSources } from "@/lib/api/contracts/sources";
import { addSource, listSourcesJson } from "@/lib/services/sources/service";

export const GET = route(listSources, async ({ query }) => listSourcesJson(query));

export const POST = route(createSource, async ({ body, actor }) => addSource(body, actor));
