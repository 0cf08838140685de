// Key phones and phone users: ISsetKeyPhones, ISunsetKeyPhones, ISgetUser, ISupdateUser.
import { USER_TYPE } from "../model";
import { branch, leaf, simpleReply } from "../replies";
import type { MethodHandler } from "./context";

/** One ISsetResult per ISPhoneName, in request order; an unknown phone answers false. */
export const setKeyPhones: MethodHandler = (params, { state }) =>
  simpleReply(params.map((param) => leaf("ISsetResult", state.setKeyPhone(param.value.trim(), true))));

export const unsetKeyPhones: MethodHandler = (params, { state }) =>
  simpleReply(params.map((param) => leaf("ISunsetResult", state.setKeyPhone(param.value.trim(), false))));

/** An unknown user is not an error: the seed answers type 0 (INVALID_CME_USER) and tag 0. */
export const getUser: MethodHandler = (params, { state }) => {
  const userId = params.find((param) => param.name === "ISuserID")?.value ?? "";
  const user = state.config.users.get(userId);
  return simpleReply([
    branch("ISuser", [
      leaf("ISuserID", userId),
      leaf("ISuserType", user?.type ?? USER_TYPE.invalid),
      leaf("ISuserTag", user?.tag ?? 0),
    ]),
  ]);
};

export const updateUser: MethodHandler = (params, { state }) => {
  const userId = params.find((param) => param.name === "ISuserID")?.value ?? "";
  const password = params.find((param) => param.name === "ISpassword")?.value ?? "";
  const change = state.changePassword(userId, password);
  if (change.ok) return simpleReply([leaf("ISsetResult", true)]);
  return simpleReply([leaf("ISsetResult", false), leaf("ISsetError", change.error)]);
};
