import { route } from "@/lib/api/route";
import { listAlertMarks, setAlertMark } from "@/lib/api/contracts/alerts";
import { mark, markList } from "@/lib/alerts/service";

export const GET = route(listAlertMarks, async () => markList());
export const PUT = route(setAlertMark, async ({ body, actor }) => mark(body, actor));
