// LDAP / Active Directory sign-in: a service bind finds the person's entry (the typed name escaped
// per RFC 4515), their groups are read (memberOf, or AD's nested in-chain search), and a bind as
// that entry on a second connection checks the password. A directory that cannot be reached or
// refuses the service account is DirectoryUnavailableError, told apart from a wrong password.
import "server-only";
import { readFileSync } from "node:fs";
import { Client, InvalidCredentialsError, type Entry } from "ldapts";
import type { LdapConfig } from "@/lib/env";
import { inChainGroupFilter, userSearchFilter } from "@/lib/domain/ldap-filter";
import { log } from "@/lib/log";

export class DirectoryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DirectoryUnavailableError";
  }
}

export interface LdapPerson {
  dn: string;
  email: string | null;
  name: string;
  /** Group DNs. */
  groups: string[];
}

const PERSON_ATTRIBUTES = ["mail", "userPrincipalName", "displayName", "cn", "memberOf"];

/** TLS for ldaps:// and StartTLS: certificates checked against the CA file, else the system's CAs. */
const tlsOptions = (config: LdapConfig) => ({
  minVersion: "TLSv1.2" as const,
  ...(config.caFile ? { ca: readFileSync(config.caFile) } : {}),
});

async function connect(config: LdapConfig): Promise<Client> {
  // ldapts speaks TLS from the start whenever it is given TLS options, so only ldaps:// gets them.
  const ldap = new Client({
    url: config.url,
    timeout: config.timeoutMs,
    connectTimeout: config.timeoutMs,
    ...(config.url.startsWith("ldaps:") ? { tlsOptions: tlsOptions(config) } : {}),
  });
  if (config.startTls) await ldap.startTLS(tlsOptions(config));
  return ldap;
}

const values = (entry: Entry, name: string): string[] => {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key ? entry[key] : undefined;
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((v) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v)));
};
const first = (entry: Entry, name: string) => values(entry, name)[0]?.trim() || null;

/**
 * The person behind a user name and password, or null when the name is unknown, ambiguous or the
 * password is wrong. Throws DirectoryUnavailableError when the directory cannot answer.
 */
export async function ldapAuthenticate(
  config: LdapConfig,
  userName: string,
  password: string,
): Promise<LdapPerson | null> {
  // An empty password is an "unauthenticated bind" that many servers accept: never a sign-in.
  if (!userName.trim() || !password) return null;
  let service: Client | undefined;
  let person: Client | undefined;
  try {
    service = await connect(config);
    if (config.bindDn) await service.bind(config.bindDn, config.bindPassword ?? "");
    const { searchEntries } = await service.search(config.baseDn, {
      scope: "sub",
      filter: userSearchFilter(config.userFilter, userName.trim()),
      attributes: PERSON_ATTRIBUTES,
      sizeLimit: 2,
    });
    if (searchEntries.length !== 1) {
      if (searchEntries.length > 1) log.warn("LDAP user filter matched more than one entry", { count: 2 });
      return null;
    }
    const entry = searchEntries[0]!;
    const groups =
      config.groups === "in-chain" ? await inChainGroups(service, config, entry.dn) : values(entry, "memberOf");

    person = await connect(config);
    try {
      await person.bind(entry.dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return null;
      throw error;
    }
    const email =
      first(entry, "mail") ?? first(entry, "userPrincipalName") ?? (userName.includes("@") ? userName : null);
    return {
      dn: entry.dn,
      email,
      name: first(entry, "displayName") ?? first(entry, "cn") ?? email ?? userName,
      groups,
    };
  } catch (error) {
    if (error instanceof DirectoryUnavailableError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const serviceRefused = error instanceof InvalidCredentialsError;
    log.warn("LDAP directory did not answer a sign-in", {
      error: serviceRefused ? "the service account's bind was refused" : message,
    });
    throw new DirectoryUnavailableError(serviceRefused ? "service bind refused" : message);
  } finally {
    await Promise.allSettled([service?.unbind(), person?.unbind()]);
  }
}

/** Active Directory: every group the user is in, nested groups included, in one search. */
async function inChainGroups(service: Client, config: LdapConfig, userDn: string): Promise<string[]> {
  const { searchEntries } = await service.search(config.groupBaseDn, {
    scope: "sub",
    filter: inChainGroupFilter(userDn),
    attributes: ["cn"],
    paged: { pageSize: 500 },
  });
  return searchEntries.map((e) => e.dn);
}
