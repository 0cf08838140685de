// The strict validators of lib/cme applied at the service's edge: a phone name or user ID that
// could change the meaning of the request XML is refused with 422 before anything is built or sent.
import { AppError } from "@/lib/errors";
import { UnsafeInputError } from "@/lib/soap";
import { checkPhoneName, checkUserId } from "@/lib/cme";
import { MAX_PHONES_PER_CHANGE } from "@/lib/domain/cme-actions";

function refused(error: unknown, path: string): never {
  if (error instanceof UnsafeInputError) {
    // The message names the rule, never the value (it may be hostile or a secret).
    throw new AppError("validation_failed", error.userMessage, {
      details: { issues: [{ path, message: error.userMessage }] },
    });
  }
  throw error;
}

/** Upper-cased, each phone once, in the order given. */
export function checkedPhoneNames(names: readonly string[]): string[] {
  if (names.length === 0) throw new AppError("validation_failed", "Choose at least one phone.");
  if (names.length > MAX_PHONES_PER_CHANGE)
    throw new AppError("validation_failed", `Change at most ${MAX_PHONES_PER_CHANGE} phones at once.`);
  const checked = names.map((name, index) => {
    try {
      return checkPhoneName(name);
    } catch (error) {
      return refused(error, `body.phones.${index}`);
    }
  });
  return [...new Set(checked)];
}

export function checkedUserId(userId: string): string {
  try {
    return checkUserId(userId);
  } catch (error) {
    return refused(error, "path.userId");
  }
}
