import { route } from "@/lib/api/route";
import { revokeToken } from "@/lib/api/contracts/tokens";
import * as tokens from "@/lib/services/tokens";

export const DELETE = route(revokeToken, async ({ params, actor }) => tokens.revokeToken(params.id, actor));
