import { route } from "@/lib/api/route";
import { listAlertMarks, setAlertMark } from "@/lib/api/contracts/alerts";
import * as alerts from "@/lib/alerts/service";

export const GET = route(listAlertMarks, async () => alerts.listAlertMarks());
export const PUT = route(setAlertMark, async ({ body, actor }) => alerts.setAlertMark(body, actor));
