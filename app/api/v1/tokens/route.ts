import { route } from "@/lib/api/route";
import { createToken, listTokens } from "@/lib/api/contracts/tokens";
import * as tokens from "@/lib/services/tokens";

export const GET = route(listTokens, async () => tokens.listTokens());

export const POST = route(createToken, async ({ body, actor, principal }) =>
  tokens.createToken({ ...body, createdById: principal.kind === "user" ? principal.id : null }, actor),
);
