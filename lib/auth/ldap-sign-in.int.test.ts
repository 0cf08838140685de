// LDAP sign-in through the sign-in form's own check against a real OpenLDAP (slapd on loopback,
// memberof overlay) and the real database: group to role, refusals, filter injection, StartTLS and
// LDAPS with the CA setting, an unreachable directory beside a working break-glass sign-in.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { Attribute, Change, Client } from "ldapts";
import { startTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import {
  ADMIN_DN,
  ADMIN_PASSWORD,
  BASE_DN,
  freePort,
  personDn,
  SERVICE_DN,
  SERVICE_PASSWORD,
  slapdAvailable,
  startSlapd,
  type Slapd,
} from "@/lib/testing/slapd";
import { resetEnvForTests } from "@/lib/env";
import { createUser, getUserByEmail } from "@/lib/db/users";
import { replaceDirectoryRoleRules, setLocalSignIn } from "@/lib/db/directory-sign-in";
import { startSession, touchSession } from "@/lib/db/sessions";
import { listAudit } from "@/lib/db/audit";
import { checkSignIn } from "./sign-in";

const people = [
  {
    uid: "ann",
    password: "ann's ldap password",
    mail: "ann@example.com",
    displayName: "Ann Admin",
    groups: ["net-admins", "helpdesk"],
  },
  { uid: "hal", password: "hal's ldap password", mail: "hal@example.com", groups: ["helpdesk", "staff"] },
  { uid: "sam", password: "sam's ldap password", mail: "sam@example.com", groups: ["staff"] },
];

let slapd: Slapd;
let database: TestDatabase;
let address = 0;
/** A fresh client address per attempt, so throttling by address never gets in the way. */
const ip = () => `10.50.0.${++address}`;

function configure(overrides: Record<string, string | undefined> = {}) {
  const settings: Record<string, string | undefined> = {
    LINEWATCH_LDAP_URL: slapd.url,
    LINEWATCH_LDAP_BIND_DN: SERVICE_DN,
    LINEWATCH_LDAP_BIND_PASSWORD: SERVICE_PASSWORD,
    LINEWATCH_LDAP_BASE_DN: BASE_DN,
    LINEWATCH_LDAP_USER_FILTER: "(&(objectClass=inetOrgPerson)(|(uid={user})(mail={user})))",
    LINEWATCH_LDAP_STARTTLS: undefined,
    LINEWATCH_LDAP_CA_FILE: undefined,
    LINEWATCH_LDAP_TIMEOUT_SECONDS: "3",
    ...overrides,
  };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

beforeAll(async () => {
  slapd = await startSlapd({ people, groups: ["net-admins", "helpdesk", "staff"] });
  database = await startTestDatabase();
  await replaceDirectoryRoleRules(
    [
      { source: "ldap", group: "net-admins", role: "admin" },
      { source: "any", group: `cn=helpdesk,ou=groups,${BASE_DN}`, role: "helpdesk" },
      { source: "oidc", group: "staff", role: "viewer" },
    ],
    { actor: "test" },
  );
  await createUser(
    { email: "breakglass@example.com", name: "Break glass", role: "admin", password: "the break-glass password" },
    { actor: "test" },
  );
  await createUser(
    { email: "local-viewer@example.com", name: "Local viewer", role: "viewer", password: "a local viewer password" },
    { actor: "test" },
  );
}, 60_000);

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (key.startsWith("LINEWATCH_LDAP_")) delete process.env[key];
  resetEnvForTests();
  await database?.stop();
  await slapd?.stop();
});

beforeEach(() => configure());

describe.skipIf(!slapdAvailable())("LDAP sign-in", () => {
  test("a person in a mapped group signs in with the mapped role, created on first sign-in and refreshed later", async () => {
    const ann = await checkSignIn("ann", "ann's ldap password", ip());
    expect(ann).toMatchObject({ email: "ann@example.com", name: "Ann Admin", role: "admin", authSource: "ldap" });
    expect(ann!.sessionId).toEqual(expect.any(String));
    // Ann is in helpdesk too: the first matching rule wins. By email too; the rule on the group's DN
    // (any directory) gives Hal helpdesk.
    const hal = await checkSignIn("hal@example.com", "hal's ldap password", ip());
    expect(hal).toMatchObject({ email: "hal@example.com", role: "helpdesk", authSource: "ldap" });
    const again = await checkSignIn("ANN", "ann's ldap password", ip());
    expect(again!.id).toBe(ann!.id);
    const audit = await listAudit({ action: "auth.sign-in", outcome: "success", page: 1, pageSize: 1 });
    expect(audit.items[0]!.detail).toMatchObject({ source: "ldap", role: "admin", rule: 1 });
  });

  test("a person in no mapped group is refused with words of their own, and no account is made", async () => {
    // Sam's only group is mapped for single sign-on, not LDAP.
    await expect(checkSignIn("sam", "sam's ldap password", ip())).rejects.toMatchObject({ code: "NoDirectoryRole" });
    expect(await getUserByEmail("sam@example.com")).toBeNull();
  });

  test("a wrong password or an unknown name is the generic failure", async () => {
    expect(await checkSignIn("ann", "not ann's password", ip())).toBeNull();
    expect(await checkSignIn("nobody", "whatever it is", ip())).toBeNull();
    // An empty password would be an unauthenticated bind that LDAP servers accept.
    expect(await checkSignIn("ann", "", ip())).toBeNull();
  });

  test("filter injection in the user name does nothing: the name is a literal", async () => {
    for (const name of ["*", "a*", "*)(uid=*", "ann)(|(uid=*", "*)(|(objectClass=*)", "ann\\", "\0ann"]) {
      expect(await checkSignIn(name, "ann's ldap password", ip()), name).toBeNull();
    }
    const failures = await listAudit({ action: "auth.sign-in", outcome: "failure", page: 1, pageSize: 1 });
    expect(failures.items[0]!.detail).toMatchObject({ reason: "bad credentials (LDAP)" });
  });

  test("StartTLS and LDAPS with the CA setting; a certificate the CA file does not vouch for is refused", async () => {
    configure({ LINEWATCH_LDAP_STARTTLS: "true", LINEWATCH_LDAP_CA_FILE: slapd.caFile });
    expect(await checkSignIn("ann", "ann's ldap password", ip())).toMatchObject({ role: "admin" });
    configure({ LINEWATCH_LDAP_URL: slapd.ldapsUrl, LINEWATCH_LDAP_CA_FILE: slapd.caFile });
    expect(await checkSignIn("ann", "ann's ldap password", ip())).toMatchObject({ role: "admin" });
    configure({ LINEWATCH_LDAP_URL: slapd.ldapsUrl });
    await expect(checkSignIn("ann", "ann's ldap password", ip())).rejects.toMatchObject({
      code: "DirectoryUnavailable",
    });
  });

  test("an unreachable directory says so, and the break-glass administrator still signs in locally", async () => {
    configure({ LINEWATCH_LDAP_URL: `ldap://127.0.0.1:${await freePort()}` });
    await expect(checkSignIn("ann", "ann's ldap password", ip())).rejects.toMatchObject({
      code: "DirectoryUnavailable",
    });
    expect(await checkSignIn("breakglass@example.com", "the break-glass password", ip())).toMatchObject({
      role: "admin",
      authSource: "local",
    });
    // A refused service account is the directory's fault, not the person's.
    configure({ LINEWATCH_LDAP_BIND_PASSWORD: "not the service password" });
    await expect(checkSignIn("ann", "ann's ldap password", ip())).rejects.toMatchObject({
      code: "DirectoryUnavailable",
    });
  });

  test("with local sign-in off for all but administrators, the break-glass admin still signs in", async () => {
    await setLocalSignIn("admins", { actor: "test" });
    try {
      expect(await checkSignIn("local-viewer@example.com", "a local viewer password", ip())).toBeNull();
      expect(await checkSignIn("breakglass@example.com", "the break-glass password", ip())).toMatchObject({
        role: "admin",
      });
      expect(await checkSignIn("ann", "ann's ldap password", ip())).toMatchObject({ role: "admin" });
    } finally {
      await setLocalSignIn("everyone", { actor: "test" });
    }
    expect(await checkSignIn("local-viewer@example.com", "a local viewer password", ip())).toMatchObject({
      role: "viewer",
    });
  });

  test("a person removed from their group is refused at the next sign-in and their running sessions end", async () => {
    const hal = (await checkSignIn("hal", "hal's ldap password", ip()))!;
    const running = await startSession(hal.id);
    const admin = new Client({ url: slapd.url });
    await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
    await admin.modify(
      `cn=helpdesk,ou=groups,${BASE_DN}`,
      new Change({ operation: "delete", modification: new Attribute({ type: "member", values: [personDn("hal")] }) }),
    );
    await admin.unbind();
    await expect(checkSignIn("hal", "hal's ldap password", ip())).rejects.toMatchObject({ code: "NoDirectoryRole" });
    const after = (await getUserByEmail("hal@example.com"))!;
    expect(after.sessionVersion).toBeGreaterThan(hal.sessionVersion);
    // The session row itself lives on; the bumped version is what refuses it (lib/auth/session.ts).
    expect(await touchSession(running, hal.id, 60_000)).toBe(true);
  });

  test("a directory session ends after the re-check time even while in use", async () => {
    const ann = (await checkSignIn("ann", "ann's ldap password", ip()))!;
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const sid = await startSession(ann.id, t0);
    const hour = 60 * 60_000;
    expect(await touchSession(sid, ann.id, 8 * hour, at(50 * 60_000), hour)).toBe(true);
    expect(await touchSession(sid, ann.id, 8 * hour, at(hour), hour)).toBe(false);
  });
});
