import { route } from "@/lib/api/route";
import { lookupPhones } from "@/lib/api/contracts/inventory";
import { AppError } from "@/lib/errors";
import { LOOKUP_MAX_ITEMS, splitPasted } from "@/lib/domain/lookup";
import * as phones from "@/lib/services/phones";

export const POST = route(lookupPhones, async ({ body }) => {
  const items = [...new Set([...(body.items ?? []), ...splitPasted(body.text ?? "")])];
  if (items.length > LOOKUP_MAX_ITEMS)
    throw new AppError("invalid_request", `At most ${LOOKUP_MAX_ITEMS} items at once; this list has ${items.length}.`);
  return phones.lookupPhones(items);
});
