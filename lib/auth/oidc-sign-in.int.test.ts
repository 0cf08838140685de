// OpenID Connect sign-in end to end through next-auth's own handler (sign-in, the provider's pages,
// callback) against a real provider on loopback (oidc-provider), and the ID tokens next-auth must
// refuse from a hand-made one: another issuer, expired, signed with a key the provider does not publish.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { startCraftedIssuer, startOidcProvider, signInThroughNextAuth, type TestIssuer } from "@/lib/testing/oidc";
import { resetEnvForTests } from "@/lib/env";
import { getUserByEmail } from "@/lib/db/users";
import { replaceDirectoryRoleRules } from "@/lib/db/directory-sign-in";
import { listAudit } from "@/lib/db/audit";
import { decode } from "next-auth/jwt";
import { authOptions } from "./options";

const APP = "http://127.0.0.1:39999";
const client = { clientId: "linewatch", clientSecret: "a long client secret for the tests" };

let database: TestDatabase;
let provider: TestIssuer;
let crafted: Awaited<ReturnType<typeof startCraftedIssuer>>;

function useIssuer(issuer: string, extra: Record<string, string> = {}) {
  process.env.LINEWATCH_OIDC_ISSUER = issuer;
  process.env.LINEWATCH_OIDC_CLIENT_ID = client.clientId;
  process.env.LINEWATCH_OIDC_CLIENT_SECRET = client.clientSecret;
  process.env.LINEWATCH_OIDC_SCOPES = "openid email profile groups";
  process.env.LINEWATCH_OIDC_ROLE_CLAIM = extra.roleClaim ?? "groups";
  resetEnvForTests();
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL = APP;
  process.env.NEXTAUTH_SECRET = "a session secret of at least thirty-two bytes";
  provider = await startOidcProvider({
    ...client,
    redirectUri: `${APP}/api/auth/callback/oidc`,
    accounts: [
      { sub: "olga", email: "olga@example.com", name: "Olga Ops", groups: ["staff", "linewatch-admins"] },
      { sub: "vic", email: "vic@example.com", name: "Vic Viewer", groups: ["staff"] },
      { sub: "nia", email: "nia@example.com", name: "Nia Nobody", groups: ["contractors"] },
    ],
  });
  crafted = await startCraftedIssuer({ clientId: client.clientId });
  database = await startTestDatabase();
  await replaceDirectoryRoleRules(
    [
      { source: "oidc", group: "linewatch-admins", role: "admin" },
      { source: "ldap", group: "contractors", role: "admin" },
      { source: "any", group: "staff", role: "viewer" },
    ],
    { actor: "test" },
  );
});

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (key.startsWith("LINEWATCH_OIDC_")) delete process.env[key];
  delete process.env.NEXTAUTH_URL;
  delete process.env.NEXTAUTH_SECRET;
  resetEnvForTests();
  await database?.stop();
  await provider?.stop();
  await crafted?.stop();
});

describe("single sign-on through a real OpenID Connect provider", () => {
  test("a person in a mapped group signs in with the mapped role; the account is made, then refreshed", async () => {
    useIssuer(provider.issuer);
    const olga = await signInThroughNextAuth(authOptions(), "olga");
    expect(olga.redirect).toBe(`${APP}/overview`);
    expect(olga.sessionToken).toEqual(expect.any(String));
    const user = await getUserByEmail("olga@example.com");
    expect(user).toMatchObject({ name: "Olga Ops", role: "admin", authSource: "oidc" });
    // The session cookie carries Linewatch's own user id and a server-side session, like a password sign-in.
    const jwt = await decode({ token: olga.sessionToken!, secret: process.env.NEXTAUTH_SECRET! });
    expect(jwt).toMatchObject({ sub: user!.id, sv: user!.sessionVersion, sid: expect.any(String) });
    const vic = await signInThroughNextAuth(authOptions(), "vic");
    expect(vic.sessionToken).toEqual(expect.any(String));
    expect(await getUserByEmail("vic@example.com")).toMatchObject({ role: "viewer", authSource: "oidc" });

    // The rules change: Olga's next sign-in takes the new role, audited.
    await replaceDirectoryRoleRules([{ source: "any", group: "staff", role: "helpdesk" }], { actor: "test" });
    await signInThroughNextAuth(authOptions(), "olga");
    expect(await getUserByEmail("olga@example.com")).toMatchObject({ role: "helpdesk" });
    const audit = await listAudit({ action: "user.role", page: 1, pageSize: 1 });
    expect(audit.items[0]).toMatchObject({ actor: "directory:oidc", target: "olga@example.com" });
    await replaceDirectoryRoleRules(
      [
        { source: "oidc", group: "linewatch-admins", role: "admin" },
        { source: "ldap", group: "contractors", role: "admin" },
        { source: "any", group: "staff", role: "viewer" },
      ],
      { actor: "test" },
    );
  });

  test("a person in no mapped group is refused with a page that says so, and gets no account or session", async () => {
    useIssuer(provider.issuer);
    const nia = await signInThroughNextAuth(authOptions(), "nia");
    expect(nia.redirect).toBe("/signin?error=NoDirectoryRole");
    expect(nia.sessionToken).toBeNull();
    expect(await getUserByEmail("nia@example.com")).toBeNull();
  });

  test("a role claim of another name (Keycloak's realm_access.roles style) is read by its path", async () => {
    useIssuer(crafted.issuer, { roleClaim: "realm_access.roles" });
    crafted.next({ claims: { sub: "kc-user", email: "kc@example.com", realm_access: { roles: ["staff"] } } });
    const kc = await signInThroughNextAuth(authOptions());
    expect(kc.sessionToken).toEqual(expect.any(String));
    expect(await getUserByEmail("kc@example.com")).toMatchObject({ role: "viewer" });
  });
});

describe("ID tokens next-auth must refuse", () => {
  test("the hand-made provider's honest token signs in (the cases below differ in one thing each)", async () => {
    useIssuer(crafted.issuer);
    crafted.next({});
    const ok = await signInThroughNextAuth(authOptions());
    expect(ok.sessionToken).toEqual(expect.any(String));
    expect(await getUserByEmail("crafted@example.com")).toMatchObject({ role: "admin" });
  });

  for (const [name, token] of [
    ["from another issuer", { claims: { iss: "http://127.0.0.1:1/evil" } }],
    ["expired", { claims: { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 } }],
    ["signed with a key the provider does not publish", { foreignKey: true }],
    ["for another client", { claims: { aud: "someone-else" } }],
  ] as const) {
    test(`a token ${name} is refused`, async () => {
      useIssuer(crafted.issuer);
      crafted.next({
        ...token,
        claims: { sub: `bad-${name}`, email: "mallory@example.com", ...("claims" in token ? token.claims : {}) },
      });
      const outcome = await signInThroughNextAuth(authOptions());
      expect(outcome.sessionToken).toBeNull();
      expect(outcome.redirect).toMatch(/\/signin\?error=OAuthCallback|\/error\?error=OAuthCallback/);
      expect(await getUserByEmail("mallory@example.com")).toBeNull();
    });
  }
});
