import { route } from "@/lib/api/route";
import { getPhone } from "@/lib/api/contracts/inventory";
import * as phones from "@/lib/services/phones";

export const GET = route(getPhone, async ({ params }) => phones.getPhone(params.name));
