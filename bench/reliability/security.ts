// The findings of issue 15 tried again in-process, one row each (section "security"): each case
// acts as the outside test did and checks the outcome, never a timing. The sign-in, cookie and
// header cases also run through the built app in e2e/security.spec.ts.
import type { IncomingMessage } from "node:http";
import { NextRequest } from "next/server";
import { checkSignIn } from "@/lib/auth/sign-in";
import { clientAddress, expectedOrigin } from "@/lib/auth/client-address";
import { stampPeer } from "@/lib/auth/peer-stamp";
import { contentSecurityPolicy, newNonce, strictTransportSecurity, undecodablePath } from "@/lib/auth/security-headers";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { hashPassword, verifyPassword } from "@/lib/secrets/hashes";
import { readLimited } from "@/lib/api/route";
import { RouteLimiter, limitOf } from "@/lib/api/limits";
import { allContracts } from "@/lib/api/contracts";
import { pollSourceNow } from "@/lib/api/contracts/polls";
import { createUser, changeMyPassword, updateUser } from "@/lib/db/users";
import { createToken, findActiveToken } from "@/lib/db/tokens";
import { endSession, startSession, touchSession } from "@/lib/db/sessions";
import { lockedUntil } from "@/lib/db/login-throttle";
import { secureSqliteFiles } from "@/lib/db/client";
import { createSource, updateSource } from "@/lib/db/sources";
import { createTargetPolicy, resolvedRefusal } from "@/lib/soap/targets";
import { csvCell } from "@/lib/api/csv";
import { registerDemoStop, stopDemoIfUnused } from "@/lib/server/demo/stop";
import { GET as unknownApiPath } from "@/app/api/v1/[...unknown]/route";
import { env } from "@/lib/env";
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface SecurityRow {
  case: string;
  figure: string;
  pass: boolean;
}

const who = { actor: "reliability-security" };
const direct = { trustProxy: false, trustedProxies: ["127.0.0.1", "::1"] };
const t0 = new Date("2030-01-01T00:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

async function rejects(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "error";
  }
}

type Case = [name: string, run: () => Promise<[figure: string, pass: boolean]>];

const cases: Case[] = [
  [
    "#1 spoofed X-Forwarded-For (40 sign-ins)",
    async () => {
      await createUser(
        {
          email: "spoof-target@bench.test",
          name: "Spoof target",
          role: "viewer",
          password: "the target's long password",
        },
        who,
      );
      const seen = new Set<string>();
      let throttled = 0;
      for (let i = 0; i < 40; i++) {
        const request = {
          socket: { remoteAddress: "203.0.113.50" },
          headers: { "x-forwarded-for": `198.51.100.${i}` },
        } as unknown as IncomingMessage;
        stampPeer(request, direct);
        const address = clientAddress(request.headers as Record<string, string>, direct);
        seen.add(address);
        await checkSignIn("spoof-target@bench.test", `guess ${i}`, address, at(i));
        if (await lockedUntil(["account:spoof-target@bench.test", `address:${address}`], at(i))) throttled++;
      }
      return [
        `${seen.size} address(es) seen (${[...seen].join(", ")}); throttled after ${40 - throttled} of 40 tries`,
        seen.size === 1 && seen.has("203.0.113.50") && throttled >= 30,
      ];
    },
  ],
  [
    "#2 oversized request body",
    async () => {
      const declared = await rejects(
        readLimited(
          new NextRequest("http://x/", {
            method: "POST",
            headers: { "content-length": String(300 * 1024 * 1024) },
            body: "{}",
          }),
          256 * 1024,
        ),
      );
      let pulled = 0;
      const endless = new ReadableStream<Uint8Array>({
        pull: (c) => void ((pulled += 65_536), c.enqueue(new Uint8Array(65_536))),
      });
      const chunked = await rejects(
        readLimited(
          new NextRequest("http://x/", { method: "POST", body: endless, duplex: "half" } as never),
          256 * 1024,
        ),
      );
      return [
        `300 MB declared: ${declared ?? "read"}; endless chunked: ${chunked ?? "read"} after ${(pulled / 1024).toFixed(0)} KiB`,
        declared === "invalid_request" && chunked === "invalid_request" && pulled <= 512 * 1024,
      ];
    },
  ],
  [
    "#3 retargeting a source keeps its password",
    async () => {
      const source = await createSource(
        {
          kind: "cme",
          name: "bench-retarget",
          site: "X",
          urls: ["http://10.9.9.9"],
          username: "cisco",
          password: "stored-password",
        },
        who,
      );
      const moved = await rejects(updateSource(source.id, { urls: ["http://10.9.9.10"] }, who));
      const renamed = await rejects(updateSource(source.id, { username: "other" }, who));
      return [
        `new address: ${moved ?? "accepted"}; new user: ${renamed ?? "accepted"}`,
        moved === "validation_failed" && renamed === "validation_failed",
      ];
    },
  ],
  [
    "#4 heavy routes and poll now limited",
    async () => {
      const limiter = new RouteLimiter(() => t0.getTime());
      let admitted = 0;
      for (let i = 0; i < 10; i++)
        if (
          (await rejects(
            Promise.resolve().then(() => limiter.admit(pollSourceNow, "token:helpdesk", { id: "src-1" }, undefined)),
          )) === null
        )
          admitted++;
      const missing = allContracts
        .filter((c) => c.alsoProduces?.includes("text/csv") && !limitOf(c))
        .map((c) => `${c.method} ${c.path}`);
      return [
        `poll now clicked 10 times: ${admitted} poll(s); CSV exports without a limit: ${missing.length ? missing.join(", ") : "none"}`,
        admitted === 1 && missing.length === 0,
      ];
    },
  ],
  [
    "#5 tokens of a disabled creator",
    async () => {
      await createUser(
        { email: "second-admin@bench.test", name: "Second admin", role: "admin", password: "another long password" },
        who,
      );
      const creator = await createUser(
        { email: "token-creator@bench.test", name: "Creator", role: "admin", password: "creator long password" },
        who,
      );
      const { token } = await createToken({ name: "bench-creator-token", role: "admin", createdById: creator.id }, who);
      await updateUser(creator.id, { disabled: true }, who);
      const whileDisabled = await findActiveToken(token);
      await updateUser(creator.id, { disabled: false }, who);
      const afterEnable = await findActiveToken(token);
      return [
        `disabled: ${whileDisabled ? "works" : "suspended"}; enabled again: ${afterEnable ? "works" : "suspended"}`,
        !whileDisabled && !!afterEnable,
      ];
    },
  ],
  [
    "#6 session after sign-out / idle",
    async () => {
      const user = await createUser(
        { email: "session@bench.test", name: "Session", role: "viewer", password: "session long password" },
        who,
      );
      const signedOut = await startSession(user.id, t0);
      await endSession(signedOut, at(1));
      const replay = await touchSession(signedOut, user.id, env().sessionIdleMs, at(2));
      const idle = await startSession(user.id, t0);
      const late = await touchSession(idle, user.id, env().sessionIdleMs, at(env().sessionIdleMs + 1));
      return [
        `replayed after sign-out: ${replay ? "accepted" : "refused"}; after ${env().sessionIdleMs / 3_600_000} h idle: ${late ? "accepted" : "refused"}`,
        !replay && !late,
      ];
    },
  ],
  [
    "#7 current-password guesses",
    async () => {
      const user = await createUser(
        { email: "pw-change@bench.test", name: "Changer", role: "viewer", password: "changer long password" },
        who,
      );
      const codes: string[] = [];
      for (let i = 0; i < 10; i++)
        codes.push((await rejects(changeMyPassword(user.id, `guess ${i}`, "a new long password", who, at(i)))) ?? "ok");
      const limited = codes.filter((c) => c === "rate_limited").length;
      return [`${limited} of 10 guesses refused as rate_limited`, limited >= 5];
    },
  ],
  [
    "#8 CSP nonce and HSTS",
    async () => {
      const csp = contentSecurityPolicy(newNonce());
      const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
      const hsts = strictTransportSecurity("https://linewatch.example");
      return [
        `${script.replace(/'nonce-[^']+'/, "'nonce-…'")}; https: ${hsts ?? "no HSTS"}; http: ${strictTransportSecurity("http://x") ?? "no HSTS"}`,
        !script.includes("unsafe-inline") && script.includes("'nonce-") && hsts !== null,
      ];
    },
  ],
  [
    "passwords past 72 bytes",
    async () => {
      const hash = await hashPassword(`${"p".repeat(72)}-real`);
      const suffix = await verifyPassword(`${"p".repeat(72)}-other`, hash);
      return [`72-character prefix + other suffix: ${suffix ? "signs in" : "refused"}`, !suffix];
    },
  ],
  [
    "6to4 / NAT64 embedding a refused IPv4",
    async () => {
      const policy = createTargetPolicy(["cme.bench.test"]);
      const refused = ["2002:a9fe:a9fe::1", "64:ff9b:1::a9fe:a9fe"].filter(
        (a) => resolvedRefusal("cme.bench.test", [a], policy) !== undefined,
      );
      return [
        `${refused.length} of 2 refused (169.254.169.254 inside 2002::/16 and 64:ff9b:1::/48)`,
        refused.length === 2,
      ];
    },
  ],
  [
    "CSV formulas and phone numbers",
    async () => {
      const cells = ["\u0000=1+2", "+4930123456", "0201", "-2+3*cmd"].map(csvCell);
      return [
        cells.map((c) => JSON.stringify(c)).join(" "),
        cells[0]!.startsWith("'") && cells[1] === '"+4930123456"' && cells[2] === '"0201"' && cells[3]!.startsWith("'"),
      ];
    },
  ],
  [
    "database file modes",
    async () => {
      if (env().database.provider !== "sqlite") return ["PostgreSQL: no file", true];
      const dir = mkdtempSync(path.join(tmpdir(), "linewatch-bench-modes-"));
      try {
        const file = path.join(dir, "new", "linewatch.db");
        secureSqliteFiles(file);
        const old = path.join(dir, "old.db");
        writeFileSync(old, "");
        chmodSync(old, 0o644);
        secureSqliteFiles(old);
        const modes = [path.dirname(file), file, old].map((f) => (statSync(f).mode & 0o777).toString(8));
        return [
          `new dir ${modes[0]}, new file ${modes[1]}, old 0644 file now ${modes[2]}; server db ${(statSync((env().database as { file: string }).file).mode & 0o777).toString(8)}`,
          modes.join() === "700,600,600",
        ];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  ],
  [
    "malformed / foreign callbackUrl",
    async () => {
      const results = ["http://host.evil.example/", "http://[::1", "//evil.example/x"].map((u) =>
        safeCallbackUrl(u, "http://127.0.0.1:3000"),
      );
      return [
        `dropped ${results.filter((r) => r === null).length} of 3 before next-auth`,
        results.every((r) => r === null),
      ];
    },
  ],
  [
    "same-origin with forged X-Forwarded-Host",
    async () => {
      const request = {
        socket: { remoteAddress: "203.0.113.7" },
        headers: { host: "linewatch.example", "x-forwarded-host": "evil.example" },
      } as unknown as IncomingMessage;
      stampPeer(request, direct);
      const origin = expectedOrigin(
        request.headers as Record<string, string>,
        new URL("http://linewatch.example/"),
        direct,
      );
      const https = expectedOrigin({}, new URL("http://linewatch.example/"), {
        ...direct,
        nextAuthUrl: "https://linewatch.example",
      });
      return [
        `expected ${origin}; with an https public URL ${https}`,
        origin === "http://linewatch.example" && https === "https://linewatch.example",
      ];
    },
  ],
  [
    "%ff%fe and unknown /api/v1 paths",
    async () => {
      const bad = undecodablePath("/api/v1/phones/%ff%fe");
      const unknown = await unknownApiPath();
      const body = (await unknown.json()) as { error?: { code?: string } };
      return [
        `%ff%fe: ${bad?.status ?? "passed"} ${bad?.code ?? ""}; unknown path: ${unknown.status} ${body.error?.code}`,
        bad?.status === 400 && unknown.status === 404 && body.error?.code === "not_found",
      ];
    },
  ],
  [
    "demo simulators after the demo sources go",
    async () => {
      let stopped = false;
      registerDemoStop(async () => void (stopped = true));
      const result = await stopDemoIfUnused();
      return [`no demo source left: simulators ${stopped ? "stopped" : "still listening"}`, result && stopped];
    },
  ],
];

export async function runSecurityCases(): Promise<SecurityRow[]> {
  const rows: SecurityRow[] = [];
  for (const [name, run] of cases) {
    try {
      const [figure, pass] = await run();
      rows.push({ case: name, figure, pass });
    } catch (error) {
      rows.push({
        case: name,
        figure: `did not run: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200),
        pass: false,
      });
    }
  }
  return rows;
}
