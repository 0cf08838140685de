import { route } from "@/lib/api/route";
import { createToken, listTokens } from "@/lib/api/contracts/tokens";
import { issueToken, listTokens as listAllTokens } from "@/lib/services/tokens";

export const GET = route(listTokens, async () => listAllTokens());

export const POST = route(createToken, async ({ body, actor, principal }) =>
  issueToken({ ...body, createdById: principal.kind === "user" ? principal.id : null }, actor),
);
