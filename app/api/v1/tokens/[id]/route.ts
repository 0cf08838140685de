import { route } from "@/lib/api/route";
import { revokeToken } from "@/lib/api/contracts/tokens";
import { revokeToken as revoke } from "@/lib/services/tokens";

export const DELETE = route(revokeToken, async ({ params, actor }) => revoke(params.id, actor));
