import { route } from "@/lib/api/route";
import { acknowledgeAlert } from "@/lib/api/contracts/alerts";
import { acknowledge } from "@/lib/alerts/service";

export const POST = route(acknowledgeAlert, async ({ params, body, actor }) => ({ record: await acknowledge(params.id, body.note, actor) }));
