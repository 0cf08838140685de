import { route } from "@/lib/api/route";
import { deleteSource, getSource, updateSource } from "@/lib/api/contracts/sources";
import * as sources from "@/lib/services/sources/service";

export const GET = route(getSource, async ({ params }) => sources.getSource(params.id));

export const PATCH = route(updateSource, async ({ params, body, actor }) =>
  sources.updateSource(params.id, body, actor),
);

export const DELETE = route(deleteSource, async ({ params, actor }) => sources.deleteSource(params.id, actor));
