import { route } from "@/lib/api/route";
import { getPhone } from "@/lib/api/contracts/inventory";
import { phoneDetail } from "@/lib/services/phones";

export const GET = route(getPhone, async ({ params }) => phoneDetail(params.name));
