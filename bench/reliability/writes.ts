// UI-style writes while the pollers run: what people do in the pages and the CLI (tokens, user
// changes, sign-in failures, key-phone outcomes, a source edit), each through the lib service
// the route or command uses. Counts every error a caller would see, by kind.
import { createToken, revokeToken } from "@/lib/services/tokens";
import { updateUser } from "@/lib/services/users";
import { recordAuditAlone, type Actor } from "@/lib/db/audit";
import { listKeyPhones, recordKeyPhoneOutcomes } from "@/lib/db/key-phones";
import { accountRule, recordLoginFailure } from "@/lib/db/login-throttle";
import { signOutUserEverywhere } from "@/lib/db/users";
import { updateSource } from "@/lib/services/sources/service";

export type WriteErrorKind = "locked" | "transaction-wait" | "other";

export interface WriteTally {
  ops: number;
  errors: Record<WriteErrorKind, number>;
  /** The first message of each kind, for the report. */
  firstMessage: Partial<Record<WriteErrorKind, string>>;
  /** Where each kind came from (op name: count). */
  byOp: Record<string, number>;
  /** API tokens issued (secrets the scan looks for). */
  tokens: string[];
}

export const emptyTally = (): WriteTally => ({
  ops: 0,
  errors: { locked: 0, "transaction-wait": 0, other: 0 },
  firstMessage: {},
  byOp: {},
  tokens: [],
});

export function classifyWriteError(error: unknown): WriteErrorKind {
  const text = `${(error as { code?: string })?.code ?? ""} ${error instanceof Error ? error.message : String(error)}`;
  // SQLITE_BUSY reaches Prisma as "Operation has timed out" (P1008, the adapter maps it to SocketTimeout);
  // SQLITE_BUSY_SNAPSHOT and the rest keep SQLite's own "database is locked".
  if (BUSY.test(text)) return "locked";
  // Prisma's interactive transactions: the start waited past maxWait, or the body past timeout.
  if (/P2028|Unable to start a transaction|Transaction already closed|expired transaction|mutex/i.test(text))
    return "transaction-wait";
  return "other";
}

/** SQLite busy, in every form it reaches a caller or a log line. */
export const BUSY =
  /database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED|Operation has timed out|P1008/i;

export interface WriteTargets {
  /** A non-admin person whose account the writers disable, enable and re-role. */
  personId: string;
  /** Routers whose stored phones get key-phone outcomes, and one whose site is edited. */
  routerIds: string[];
  /** A router whose password is entered again (the same one, so its polls go on). */
  passwordChange: { sourceId: string; password: string };
}

type WriteOp = {
  name: string;
  run: (targets: WriteTargets, who: Actor, n: number, tally: WriteTally) => Promise<void>;
};

export const uiWrites: WriteOp[] = [
  {
    name: "token create+revoke",
    run: async (_t, who, n, tally) => {
      const { token, record } = await createToken(
        { name: `bench-${who.actor}-${n}`, role: "viewer", expiresInDays: 1 },
        who,
      );
      tally.tokens.push(token);
      await revokeToken(record.id, who);
    },
  },
  {
    name: "user disable+enable",
    run: async (t, who) =>
      void (await updateUser(t.personId, { disabled: true }, who),
      await updateUser(t.personId, { disabled: false }, who)),
  },
  {
    name: "user role change",
    run: async (t, who, n) => void (await updateUser(t.personId, { role: n % 2 === 0 ? "viewer" : "helpdesk" }, who)),
  },
  { name: "sign out everywhere", run: async (t, who) => signOutUserEverywhere(t.personId, who) },
  {
    name: "sign-in failure",
    run: async (_t, who, n) => {
      // The writes a refused sign-in makes (lib/auth/sign-in), without the bcrypt work before them.
      await recordLoginFailure(`account:bench-${n % 7}@example.test`, accountRule);
      await recordAuditAlone(who, {
        action: "auth.sign-in",
        target: `bench-${n % 7}@example.test`,
        detail: { reason: "bad credentials or disabled" },
        outcome: "failure",
      });
    },
  },
  {
    name: "key-phone outcome",
    run: async (t, who, n) => {
      const sourceId = t.routerIds[n % t.routerIds.length]!;
      const phone = (await listKeyPhones(sourceId))[0];
      if (!phone) return;
      const keyPhone = !phone.keyPhone;
      await recordKeyPhoneOutcomes(
        {
          sourceId,
          action: keyPhone ? "key-phone.set" : "key-phone.unset",
          reason: "reliability run",
          outcomes: [{ phone: phone.name, keyPhone, outcome: "success", detail: { keyPhone } }],
        },
        who,
      );
    },
  },
  {
    name: "source site edit",
    run: async (t, who, n) => void (await updateSource(t.routerIds[0]!, { site: `Bench site ${n % 5}` }, who)),
  },
  {
    name: "source password entered again",
    run: async (t, who) =>
      void (await updateSource(t.passwordChange.sourceId, { password: t.passwordChange.password }, who)),
  },
];

/** The writes an operator's CLI makes from another process (no inventory writes). */
export const cliWrites = uiWrites.filter((op) =>
  ["token create+revoke", "user disable+enable", "sign-in failure"].includes(op.name),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `workers` loops, each running the ops in turn with a short pause, until `until()` says stop. */
export async function runWriters(options: {
  ops: WriteOp[];
  targets: WriteTargets;
  workers: number;
  pauseMs: number;
  actor: string;
  until: () => boolean;
  tally?: WriteTally;
}): Promise<WriteTally> {
  const tally = options.tally ?? emptyTally();
  let n = 0;
  const worker = async (index: number) => {
    const who: Actor = { actor: `${options.actor}-${index}` };
    while (!options.until()) {
      const count = n++;
      const op = options.ops[count % options.ops.length]!;
      tally.ops++;
      try {
        await op.run(options.targets, who, count, tally);
      } catch (error) {
        const kind = classifyWriteError(error);
        tally.errors[kind]++;
        tally.firstMessage[kind] ??=
          `${op.name} (${options.actor}): ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(-400)}`;
        const where = `${kind}: ${op.name} (${options.actor})`;
        tally.byOp[where] = (tally.byOp[where] ?? 0) + 1;
      }
      await sleep(options.pauseMs * (0.5 + Math.random()));
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index + 1)));
  return tally;
}

export function mergeTallies(a: WriteTally, b: WriteTally): WriteTally {
  const merged = emptyTally();
  for (const t of [a, b]) {
    merged.ops += t.ops;
    for (const kind of Object.keys(merged.errors) as WriteErrorKind[]) {
      merged.errors[kind] += t.errors[kind];
      merged.firstMessage[kind] ??= t.firstMessage[kind];
    }
    for (const [key, count] of Object.entries(t.byOp)) merged.byOp[key] = (merged.byOp[key] ?? 0) + count;
    merged.tokens.push(...t.tokens);
  }
  return merged;
}
