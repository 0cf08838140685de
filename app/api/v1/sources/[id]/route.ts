import { route } from "@/lib/api/route";
import { deleteSource, getSource, updateSource } from "@/lib/api/contracts/sources";
import { changeSource, getSourceJson, removeSource } from "@/lib/services/sources/service";

export const GET = route(getSource, async ({ params }) => getSourceJson(params.id));

export const PATCH = route(updateSource, async ({ params, body, actor }) => changeSource(params.id, body, actor));

export const DELETE = route(deleteSource, async ({ params, actor }) => removeSource(params.id, actor));
