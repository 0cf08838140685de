// OpenID Connect for tests, on loopback: a real provider (the oidc-provider package, with its
// development login and consent pages) for the happy paths, a hand-made one that answers with the
// ID token a test crafts (wrong issuer, expired, signed with another key) for the refusals, and a
// driver that walks next-auth's own sign-in and callback (AuthHandler) the way a browser would.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import Provider from "oidc-provider";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { freePort } from "./slapd";

export interface OidcAccount {
  sub: string;
  email?: string;
  name?: string;
  groups?: string[];
}

export interface TestIssuer {
  issuer: string;
  stop(): Promise<void>;
}

const listen = async (server: Server): Promise<number> => {
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return port;
};
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** oidc-provider with one confidential client and the given accounts (the login page takes any id). */
export async function startOidcProvider(input: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: OidcAccount[];
}): Promise<TestIssuer> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map(input.accounts.map((a) => [a.sub, a]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: input.clientId,
        client_secret: input.clientSecret,
        redirect_uris: [input.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups"],
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    features: { devInteractions: { enabled: true } },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { issuer, stop: () => close(server) };
}

/** What the hand-made provider puts in the ID token it hands out next. */
export interface CraftedToken {
  claims?: Record<string, unknown>;
  /** Sign with a key the provider does not publish. */
  foreignKey?: boolean;
}

/** A minimal provider: discovery, keys, an authorization endpoint that says yes, a token endpoint. */
export async function startCraftedIssuer(input: {
  clientId: string;
}): Promise<TestIssuer & { next: (token: CraftedToken) => void }> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const foreign = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const kid = "test-key";
  let crafted: CraftedToken = {};
  const nonces = new Map<string, string>();
  let issuer = "";
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration")
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    if (url.pathname === "/jwks")
      return json({ keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }] });
    if (url.pathname === "/authorize") {
      const code = randomBytes(8).toString("hex");
      nonces.set(code, url.searchParams.get("nonce") ?? "");
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token") {
      const form = new URLSearchParams(await body(req));
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss: issuer,
        sub: "crafted-user",
        aud: input.clientId,
        iat: now,
        exp: now + 300,
        nonce: nonces.get(form.get("code") ?? ""),
        email: "crafted@example.com",
        groups: ["linewatch-admins"],
        ...crafted.claims,
      };
      return json({
        access_token: randomBytes(16).toString("hex"),
        token_type: "Bearer",
        expires_in: 300,
        id_token: jwt(claims, crafted.foreignKey ? foreign : privateKey, kid),
      });
    }
    res.writeHead(404);
    res.end();
  });
  const port = await listen(server);
  issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    next: (token) => {
      crafted = token;
    },
    stop: () => close(server),
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
function jwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const signed = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64(claims)}`;
  return `${signed}.${sign("sha256", Buffer.from(signed), key).toString("base64url")}`;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Cookies by name, as a browser keeps them for one site. */
class CookieJar {
  readonly values = new Map<string, string>();
  take(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line) || value === "") this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export interface SignInOutcome {
  /** Where next-auth sent the browser at the end. */
  redirect: string;
  /** The session cookie, when one was set. */
  sessionToken: string | null;
}

/**
 * Signs in through next-auth with the OIDC provider: next-auth's sign-in, the provider's pages
 * (logging in as `login` and consenting, for oidc-provider), then next-auth's callback.
 */
export async function signInThroughNextAuth(options: NextAuthOptions, login?: string): Promise<SignInOutcome> {
  const app = new CookieJar();
  const handle = async (
    action: "csrf" | "signin" | "callback",
    extra: { method: string; body?: Record<string, string>; query?: Record<string, string> },
  ) => {
    const answer = { status: 200, location: "", setCookies: [] as string[], body: undefined as unknown };
    const res = {
      status(code: number) {
        answer.status = code;
        return res;
      },
      getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? answer.setCookies : undefined),
      setHeader(name: string, value: string | string[]) {
        if (name.toLowerCase() === "set-cookie") answer.setCookies = Array.isArray(value) ? value : [value];
        if (name.toLowerCase() === "location") answer.location = String(value);
        return res;
      },
      end: () => undefined,
      send: (value: unknown) => {
        answer.body = value;
      },
      json: (value: unknown) => {
        answer.body = value;
      },
    };
    const req = {
      method: extra.method,
      query: { nextauth: action === "csrf" ? [action] : [action, "oidc"], ...extra.query },
      body: extra.body ?? {},
      // Parsed cookies, as Next.js hands them over: decoded.
      cookies: Object.fromEntries([...app.values].map(([k, v]) => [k, decodeURIComponent(v)])),
      headers: { "x-linewatch-peer": "10.60.0.1" },
    };
    await (NextAuth as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<void>)(
      req,
      res,
      options,
    );
    app.take(answer.setCookies);
    return { redirect: answer.location, body: answer.body };
  };
  const csrf = await handle("csrf", { method: "GET" });
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const start = await handle("signin", { method: "POST", body: { csrfToken, callbackUrl: "/overview" } });
  if (!start.redirect) throw new Error(`next-auth did not send the browser to the provider: ${JSON.stringify(start)}`);

  // At the provider: follow redirects, logging in and consenting on its development pages.
  const op = new CookieJar();
  let url = start.redirect;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(process.env.NEXTAUTH_URL ?? "\0")) break;
    let response = await fetch(url, { redirect: "manual", headers: { cookie: op.header() } });
    op.take(response.headers.getSetCookie());
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error("unexpected page at the provider");
      const form = new URLSearchParams({
        prompt,
        ...(prompt === "login" ? { login: login ?? "", password: "x" } : {}),
      });
      response = await fetch(new URL(action, url), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: op.header(), "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      op.take(response.headers.getSetCookie());
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status} without a redirect`);
    url = new URL(location, url).toString();
  }
  const back = new URL(url);
  const done = await handle("callback", { method: "GET", query: Object.fromEntries(back.searchParams) });
  const sessionToken = [...app.values].find(([name]) => name.endsWith("next-auth.session-token"))?.[1] ?? null;
  return { redirect: done.redirect ?? "", sessionToken };
}
