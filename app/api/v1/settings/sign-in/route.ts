import { route } from "@/lib/api/route";
import { getSignInSettings, setSignInSettings } from "@/lib/api/contracts/users";
import * as signInSettings from "@/lib/services/directory-sign-in";

export const GET = route(getSignInSettings, async () => signInSettings.getSignInSettings());
export const PUT = route(setSignInSettings, async ({ body, actor }) =>
  signInSettings.setSignInSettings(body.localSignIn, actor),
);
