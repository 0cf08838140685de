// Words shared by the server and the sign-in form.
export const SIGN_IN_FAILED =
  "Email or password is incorrect, or sign-in is paused for this account. Try again in a few minutes.";
