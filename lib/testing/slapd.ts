// A real OpenLDAP server for tests: slapd on a free loopback port (plain LDAP with StartTLS, and
// LDAPS on a second port), from a slapd.conf generated in a temp directory, with the memberof
// overlay so group membership shows on the user's entry as Active Directory's memberOf does. The
// TLS certificate is signed by a throwaway CA whose PEM the tests hand Linewatch as its CA file.
// Needs Debian's slapd (and openssl); .ci/run installs them.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "ldapts";

export const SLAPD = "/usr/sbin/slapd";
export const BASE_DN = "dc=example,dc=com";
export const ADMIN_DN = `cn=admin,${BASE_DN}`;
export const ADMIN_PASSWORD = "admin-secret";
export const SERVICE_DN = `cn=linewatch,ou=services,${BASE_DN}`;
export const SERVICE_PASSWORD = "service-secret";

export interface SlapdPerson {
  uid: string;
  password: string;
  mail?: string;
  displayName?: string;
  groups: string[];
}

export interface Slapd {
  url: string;
  ldapsUrl: string;
  caFile: string;
  stop(): Promise<void>;
}

export function slapdAvailable(): boolean {
  return existsSync(SLAPD);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Linewatch test CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
  );
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
  );
  writeFileSync(file("ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("ext.cnf"),
    "-out",
    file("server.pem"),
  );
  return { ca: file("ca.pem"), cert: file("server.pem"), key: file("server.key") };
}

/** Starts slapd with a directory of people and groups (groupOfNames; groups may nest). */
export async function startSlapd(directory: { people: SlapdPerson[]; groups: string[] }): Promise<Slapd> {
  const dir = mkdtempSync(path.join(tmpdir(), "linewatch-slapd-"));
  mkdirSync(path.join(dir, "db"));
  const tls = makeCertificates(dir);
  const conf = path.join(dir, "slapd.conf");
  writeFileSync(
    conf,
    [
      "include /etc/ldap/schema/core.schema",
      "include /etc/ldap/schema/cosine.schema",
      "include /etc/ldap/schema/inetorgperson.schema",
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      "moduleload memberof",
      `pidfile ${path.join(dir, "slapd.pid")}`,
      `TLSCACertificateFile ${tls.ca}`,
      `TLSCertificateFile ${tls.cert}`,
      `TLSCertificateKeyFile ${tls.key}`,
      "database mdb",
      "maxsize 10485760",
      `suffix "${BASE_DN}"`,
      `rootdn "${ADMIN_DN}"`,
      `rootpw ${ADMIN_PASSWORD}`,
      `directory ${path.join(dir, "db")}`,
      "overlay memberof",
      "memberof-group-oc groupOfNames",
      "memberof-member-ad member",
      "memberof-memberof-ad memberOf",
      "memberof-refint TRUE",
      // The service account reads; people read only themselves; nobody else reads anything.
      `access to attrs=userPassword by dn.exact="${ADMIN_DN}" write by anonymous auth by * none`,
      `access to * by dn.exact="${SERVICE_DN}" read by self read by * none`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const ldapsPort = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  const child: ChildProcess = spawn(SLAPD, ["-f", conf, "-h", `${url}/ ${ldapsUrl}/`, "-d", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const admin = new Client({ url, timeout: 5000, connectTimeout: 2000 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.bind(ADMIN_DN, ADMIN_PASSWORD);
        break;
      } catch (error) {
        if (attempt > 50 || child.exitCode !== null) throw new Error(`slapd did not start: ${stderr || error}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await seed(admin, directory);
  } catch (error) {
    await admin.unbind().catch(() => {});
    await stop();
    throw error;
  }
  await admin.unbind();
  return { url, ldapsUrl, caFile: tls.ca, stop };
}

const groupDn = (name: string) => `cn=${name},ou=groups,${BASE_DN}`;
export const personDn = (uid: string) => `uid=${uid},ou=people,${BASE_DN}`;

async function seed(admin: Client, directory: { people: SlapdPerson[]; groups: string[] }): Promise<void> {
  await admin.add(BASE_DN, { objectClass: ["top", "dcObject", "organization"], dc: "example", o: "Example" });
  for (const ou of ["people", "groups", "services"])
    await admin.add(`ou=${ou},${BASE_DN}`, { objectClass: ["top", "organizationalUnit"], ou });
  await admin.add(SERVICE_DN, {
    objectClass: ["top", "person"],
    cn: "linewatch",
    sn: "service",
    userPassword: SERVICE_PASSWORD,
  });
  for (const p of directory.people) {
    await admin.add(personDn(p.uid), {
      objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"],
      uid: p.uid,
      cn: p.displayName ?? p.uid,
      sn: p.uid,
      userPassword: p.password,
      ...(p.mail ? { mail: p.mail } : {}),
      ...(p.displayName ? { displayName: p.displayName } : {}),
    });
  }
  // groupOfNames needs a member: each group starts with its first member, or the admin entry.
  for (const name of directory.groups) {
    const members = directory.people.filter((p) => p.groups.includes(name)).map((p) => personDn(p.uid));
    await admin.add(groupDn(name), {
      objectClass: ["top", "groupOfNames"],
      cn: name,
      member: members.length > 0 ? members : [ADMIN_DN],
    });
  }
}
