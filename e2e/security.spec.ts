// Sign-in cannot be skipped, the session cookie is out of scripts' reach, and the client bundle
// carries no secret. (Cross-origin and Origin: null writes are refused in lib/api/route.int.test.ts.)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./helpers";
import { people } from "./people.mjs";

// CVE-2025-29927: Next.js skipped middleware for requests naming it in this header, as many times
// as its recursion limit. Linewatch guards in every layout and handler, so the header changes nothing.
const forgedSubrequests = [
  "middleware:middleware:middleware:middleware:middleware",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  "proxy:proxy:proxy:proxy:proxy",
  "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  "pages/_middleware",
];

test.describe("a forged x-middleware-subrequest header", () => {
  for (const forged of forgedSubrequests) {
    test(`does not open the API or a page (${forged.split(":")[0]})`, async ({ request }) => {
      const api = await request.get("/api/v1/phones", { headers: { "x-middleware-subrequest": forged } });
      expect(api.status()).toBe(401);
      expect(await api.json()).toMatchObject({ error: { code: "unauthenticated" } });

      const page = await request.get("/phones", { headers: { "x-middleware-subrequest": forged }, maxRedirects: 0 });
      expect(page.status(), "a redirect, not the page").toBeGreaterThanOrEqual(300);
      expect(page.status()).toBeLessThan(400);
      expect(page.headers()["location"]).toMatch(/\/signin/);
    });
  }

  test("in a browser, the phones page still sends a stranger to sign in", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-middleware-subrequest": forgedSubrequests[0]! });
    await page.goto("/phones");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  });
});

test("the session cookie is HttpOnly and SameSite=Lax (over http: not Secure, no __Secure- prefix)", async ({ page, baseURL }) => {
  await signInAs(page, "viewer");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => /next-auth\.session-token$/.test(c.name));
  expect(session, cookies.map((c) => c.name).join(", ")).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  // This run serves http:// (NEXTAUTH_URL too): the cookie cannot be Secure, and its name says so.
  expect(new URL(baseURL!).protocol).toBe("http:");
  expect(session!.secure).toBe(false);
  expect(session!.name).toBe("next-auth.session-token");
  for (const cookie of cookies.filter((c) => c.name.startsWith("next-auth."))) expect(cookie.httpOnly, cookie.name).toBe(true);
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

/** What must never reach a browser: people's passwords, the demo routers' password, the data directory's secrets. */
function secrets(dataDir: string): { label: string; value: string }[] {
  const list = [
    ...Object.entries(people).map(([role, person]) => ({ label: `${role} password`, value: person.password })),
    { label: "demo source password", value: "demo-pass" },
  ];
  const keyFile = path.join(dataDir, "secret.key");
  if (existsSync(keyFile)) {
    const text = readFileSync(keyFile, "utf8").trim();
    const raw = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
    list.push({ label: "secret.key", value: text }, { label: "secret.key (hex)", value: raw.toString("hex") }, { label: "secret.key (base64url)", value: raw.toString("base64url") });
  }
  const sessionFile = path.join(dataDir, "nextauth-secret");
  if (existsSync(sessionFile)) list.push({ label: "nextauth-secret", value: readFileSync(sessionFile, "utf8").trim() });
  if (process.env.NEXTAUTH_SECRET) list.push({ label: "NEXTAUTH_SECRET", value: process.env.NEXTAUTH_SECRET });
  if (process.env.LINEWATCH_SECRET_KEY) list.push({ label: "LINEWATCH_SECRET_KEY", value: process.env.LINEWATCH_SECRET_KEY });
  return list;
}

const signedInPages = ["/overview", "/phones", "/extensions", "/key-phones", "/cme-users", "/cti-apps", "/sources", "/users", "/audit"];

async function visit(page: Page, pagePath: string, scripts: Set<string>): Promise<string> {
  await page.goto(pagePath);
  await page.waitForLoadState("networkidle");
  for (const src of await page.locator("script[src]").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).src))) scripts.add(src);
  return page.content();
}

test("no secret in the client bundle or the pages an admin sees", async ({ page }, testInfo) => {
  // e2e/serve.mjs runs the server on <repo>/.e2e/data.
  const dataDir = path.join(path.dirname(testInfo.file), "..", ".e2e", "data");
  const known = secrets(dataDir);
  // Not vacuous: the server's own secrets were read (e2e/serve.mjs gives it a fresh data directory).
  expect(known.some((s) => s.label.startsWith("secret.key") || s.label === "LINEWATCH_SECRET_KEY"), `key in ${dataDir}`).toBe(true);
  expect(known.some((s) => s.label === "nextauth-secret" || s.label === "NEXTAUTH_SECRET"), `session secret in ${dataDir}`).toBe(true);

  const scripts = new Set<string>();
  page.on("response", (response) => {
    const url = response.url();
    if (url.includes("/_next/static/") && /\.m?js(\?|$)/.test(url)) scripts.add(url);
  });
  await signInAs(page, "admin");
  const found: string[] = [];
  for (const pagePath of signedInPages) {
    const html = await visit(page, pagePath, scripts);
    for (const secret of known) if (html.includes(secret.value)) found.push(`${secret.label} in the HTML of ${pagePath}`);
  }
  const bundle = [...scripts].filter((url) => new URL(url).pathname.startsWith("/_next/static/"));
  expect(bundle.length, "client scripts seen").toBeGreaterThan(3);
  for (const url of bundle) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    const text = await response.text();
    for (const secret of known) if (text.includes(secret.value)) found.push(`${secret.label} in ${new URL(url).pathname}`);
  }
  expect(found).toEqual([]);
});
