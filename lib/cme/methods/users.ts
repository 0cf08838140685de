// ISgetUser and ISupdateUser: phone users (ephone users, logout and user profiles) and their
// passwords. Inputs are checked against the router's limits before any XML is built.
import { element } from "@/lib/soap";
import type { CmeCaller } from "../caller";
import { RouterRefusal } from "../refusal";
import { mapUpdateUser, mapUser } from "../map-results";
import type { CmeUser } from "../types";
import { checkPassword, checkUserId } from "../validators";

/** ISgetUser. An unknown user comes back as type "invalid" with tag 0. */
export async function getUser(caller: CmeCaller, userId: string): Promise<CmeUser> {
  const id = checkUserId(userId);
  const reply = await caller.call("ISgetUser", element("ISuserID", id));
  return mapUser(reply.response, id);
}

/** ISupdateUser. Throws DeviceError with the router's ISsetError when it refuses. */
export async function updateUserPassword(caller: CmeCaller, userId: string, password: string): Promise<void> {
  const id = checkUserId(userId);
  const secret = checkPassword(password);
  const reply = await caller.call("ISupdateUser", [element("ISuserID", id), element("ISpassword", secret)]);
  // A whole, well-formed reply with nothing in it: the router did not take the method at all.
  if (Object.keys(reply.response).every((key) => key.startsWith("@_") || key === "#text")) {
    throw new RouterRefusal("ISupdateUser", null, "the router answered nothing");
  }
  mapUpdateUser(reply.response);
}
