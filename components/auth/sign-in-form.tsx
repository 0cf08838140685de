"use client";
// The sign-in form: next-auth credentials (a local account, or the LDAP directory behind it) and,
// when configured, single sign-on through OpenID Connect. One generic failure message for a wrong
// password; refusals with words of their own (directory down, no role) say what happened.
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SIGN_IN_FAILED, signInErrorMessage } from "@/lib/domain/sign-in-messages";

export interface SignInChoices {
  /** The OIDC provider's id and the name on its button; null when not configured. */
  singleSignOn: { id: string; name: string } | null;
  /** LDAP behind the form: people may type a directory user name, not only an email. */
  directory: boolean;
  /** Local passwords are for the break-glass administrators only. */
  localAdminsOnly: boolean;
}

export function SignInForm({
  next,
  choices,
  error: initialError,
}: {
  next: string;
  choices: SignInChoices;
  error: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError));
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      setError(signInErrorMessage(result?.error) ?? SIGN_IN_FAILED);
      return;
    }
    router.replace(next);
    router.refresh();
  }

  const singleSignOn = choices.singleSignOn;
  return (
    <div className="flex flex-col gap-4">
      {singleSignOn && (
        <>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void signIn(singleSignOn.id, { callbackUrl: next });
            }}
          >
            Continue with {singleSignOn.name}
          </Button>
          <p className="text-center text-xs text-slate-500">or with a password</p>
        </>
      )}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
        {choices.directory ? (
          <TextField
            label="Email or directory user name"
            name="email"
            type="text"
            autoComplete="username"
            required
            autoFocus={!singleSignOn}
          />
        ) : (
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus={!singleSignOn}
          />
        )}
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        {choices.localAdminsOnly && !choices.directory && (
          <p className="text-xs text-slate-500">
            Password sign-in is kept for the break-glass administrator; everyone else signs in through the directory.
          </p>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        <Button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </div>
  );
}
