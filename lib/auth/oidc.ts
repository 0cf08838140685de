// OpenID Connect sign-in (Entra ID, Okta, Keycloak, any standard provider) through next-auth 4's
// OAuth provider with discovery. openid-client checks the ID token's signature against the
// provider's keys, its audience, expiry and nonce; Linewatch also pins its issuer to the configured
// one. The role claim is read from the ID token, else from the userinfo endpoint.
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { OidcConfig } from "@/lib/env";

export const OIDC_PROVIDER_ID = "oidc";

/** What the provider hands the sign-in callback: who, and the values the role rules match. */
export interface OidcPerson {
  id: string;
  email: string | null;
  name: string;
  groups: string[];
}

type Claims = Record<string, unknown>;

const sameIssuer = (a: unknown, b: string) => typeof a === "string" && a.replace(/\/+$/, "") === b.replace(/\/+$/, "");

/** A claim's values: an array of strings, one string, or a dotted path (Keycloak's realm_access.roles). */
export function claimValues(claims: Claims, claim: string): string[] | undefined {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim
      .split(".")
      .reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Claims)[key] : undefined), claims);
  }
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string | number => typeof v === "string" || typeof v === "number").map(String);
}

function emailOf(claims: Claims): string | null {
  for (const name of ["email", "preferred_username", "upn"]) {
    const value = claims[name];
    if (typeof value === "string" && /^[^@\s]+@[^@\s]+$/.test(value)) return value;
  }
  return null;
}

export function oidcProvider(config: OidcConfig): OAuthConfig<OidcPerson> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    httpOptions: { timeout: 10_000 },
    userinfo: {
      // Called with the validated token set: the ID token's claims, and the role claim from userinfo
      // when the ID token leaves it out.
      async request({ tokens, client }) {
        // At run time this is openid-client's TokenSet from client.callback(), whose ID token it checked.
        const claims = (tokens as unknown as { claims(): Claims }).claims();
        if (!sameIssuer(claims.iss, config.issuer)) throw new Error(`the ID token's issuer is not ${config.issuer}`);
        let merged = claims;
        // Providers that follow the spec strictly put scope claims in userinfo, not the ID token.
        const missing = claimValues(claims, config.roleClaim) === undefined || emailOf(claims) === null;
        if (missing && tokens.access_token && client.issuer.metadata.userinfo_endpoint) {
          // openid-client checks that userinfo's subject is the ID token's.
          const info = (await client.userinfo(tokens as never)) as Claims;
          merged = { ...info, ...claims };
          const groups = claimValues(claims, config.roleClaim) ?? claimValues(info, config.roleClaim);
          if (groups) merged = { ...merged, [config.roleClaim]: groups };
        }
        const groups = claimValues(merged, config.roleClaim);
        return { ...merged, sub: String(claims.sub), linewatchGroups: groups ?? [] };
      },
    },
    profile(profile) {
      const claims = profile as unknown as Claims;
      const email = emailOf(claims);
      return {
        id: String(claims.sub),
        email,
        name:
          typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : (email ?? String(claims.sub)),
        groups: (claims.linewatchGroups as string[] | undefined) ?? [],
      };
    },
  };
}
