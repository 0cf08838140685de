import { route } from "@/lib/api/route";
import { createSource, listSources } from "@/lib/api/contracts/sources";
import * as sources from "@/lib/services/sources/service";

export const GET = route(listSources, async ({ query }) => sources.listSources(query));

export const POST = route(createSource, async ({ body, actor }) => sources.createSource(body, actor));
