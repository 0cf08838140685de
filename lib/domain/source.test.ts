import { describe, expect, test } from "vitest";
import { sourceCreateSchema, sourceRuleIssues, sourceUpdateSchema } from "./source";
import { risportNodeUrl, RISPORT_SERVICE_PATH } from "./source-urls";

const router = { kind: "cme", name: "Leeds", urls: ["http://10.0.0.1/"], username: "xml", password: "pw" } as const;
const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("source schema", () => {
  test("a new source gets defaults and a URL without its trailing slash", () => {
    expect(sourceCreateSchema.parse(router)).toMatchObject({
      site: "",
      urls: ["http://10.0.0.1"],
      tls: { mode: "system" },
      timeoutMs: 30_000,
      enabled: true,
    });
  });

  test("unparseable, non-HTTP and credential-bearing URLs are issues on the URL, never exceptions", () => {
    for (const url of ["nope", "ftp://x", "http://user:pw@x", "http://x/?q=1", ""]) {
      expect(paths(sourceCreateSchema.safeParse({ ...router, urls: [url] })), url).toContain("urls.0");
    }
  });

  test("cross-field rules: one address per router, distinct nodes, a reserve below the budget", () => {
    expect(sourceRuleIssues({ kind: "cme", urls: ["http://a", "http://b"] }).map((i) => i.path.join("."))).toEqual([
      "urls",
    ]);
    expect(sourceRuleIssues({ kind: "cucm", urls: ["http://a", "http://A"] }).map((i) => i.path.join("."))).toEqual([
      "urls.1",
    ]);
    expect(sourceRuleIssues({ kind: "cucm", urls: ["http://a"], budgetPerMinute: 3 })).toHaveLength(1); // default reserve 3
    expect(
      sourceRuleIssues({
        kind: "cucm",
        urls: ["http://a"],
        budgetPerMinute: 18,
        budgetReserve: 17,
        budgetRaised: true,
      }),
    ).toEqual([]);
    expect(
      paths(sourceCreateSchema.safeParse({ ...router, kind: "cucm", budgetPerMinute: 19, budgetRaised: true })),
    ).toEqual(["budgetPerMinute"]);
  });

  test("a PEM trust needs a certificate; control characters are refused in credentials", () => {
    expect(paths(sourceCreateSchema.safeParse({ ...router, tls: { mode: "pem", pem: "hello" } }))).toEqual(["tls.pem"]);
    expect(paths(sourceCreateSchema.safeParse({ ...router, username: "a\u0007b" }))).toEqual(["username"]);
  });

  test("an edit invents nothing: absent fields stay absent, the kind and unknown fields are refused", () => {
    expect(sourceUpdateSchema.parse({ site: "x" })).toEqual({ site: "x" });
    expect(sourceUpdateSchema.safeParse({ kind: "cucm" }).success).toBe(false);
  });

  test("a cluster node's RisPort URL", () => {
    expect(risportNodeUrl("https://cucm1:8443")).toBe(`https://cucm1:8443${RISPORT_SERVICE_PATH}`);
    expect(risportNodeUrl(`https://cucm1:8443${RISPORT_SERVICE_PATH}/`)).toBe(
      `https://cucm1:8443${RISPORT_SERVICE_PATH}`,
    );
  });
});
