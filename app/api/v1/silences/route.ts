import { route } from "@/lib/api/route";
import { createSilence, listSilences } from "@/lib/api/contracts/alerts";
import { addSilence, silenceList } from "@/lib/alerts/service";

export const GET = route(listSilences, async () => silenceList());
export const POST = route(createSilence, async ({ body, actor }) => ({ record: await addSilence(body, actor) }));
