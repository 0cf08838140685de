import { route } from "@/lib/api/route";
import { changeKeyPhones, listKeyPhones } from "@/lib/api/contracts/cme-actions";
import * as keyPhones from "@/lib/services/cme-actions/key-phones";

export const GET = route(listKeyPhones, async ({ params }) => keyPhones.listKeyPhones(params.id));

export const POST = route(changeKeyPhones, async ({ params, body, actor }) =>
  keyPhones.changeKeyPhones(params.id, body, actor),
);
