// Words shared by the server and the sign-in form.
export const SIGN_IN_FAILED =
  "Email or password is incorrect, or sign-in is paused for this account. Try again in a few minutes.";

/** Why a sign-in was refused, as the sign-in page receives it (next-auth's `error`). */
export const signInErrorMessages = {
  CredentialsSignin: SIGN_IN_FAILED,
  NoDirectoryRole:
    "Your directory account is not in any group that has access to Linewatch. Ask an administrator to add you to one.",
  DirectoryUnavailable:
    "The directory could not be reached, so directory accounts cannot sign in right now. Try again later; an administrator can still sign in with a local account.",
  DirectoryAccountDisabled: "Your Linewatch account is disabled. Ask an administrator.",
  DirectoryEmailTaken:
    "Your email address belongs to a Linewatch account that signs in another way. Ask an administrator.",
  DirectoryNoEmail: "Your directory account has no email address, which Linewatch needs. Ask an administrator.",
  SingleSignOnFailed: "Single sign-on did not complete. Try again, or ask an administrator if it keeps failing.",
} as const;

export type SignInErrorCode = keyof typeof signInErrorMessages;

/** The words for next-auth's error code; the OAuth ones (OAuthCallback, Callback, ...) are all one failure. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code in signInErrorMessages) return signInErrorMessages[code as SignInErrorCode];
  if (code === "AccessDenied") return signInErrorMessages.NoDirectoryRole;
  return signInErrorMessages.SingleSignOnFailed;
}
