// `source …` and `secret rotate`: the operator's way to manage routers and clusters, through the
// same service and data layer as the API (with audit rows as actor "cli").
import { env } from "@/lib/env";
import { readFileSync } from "node:fs";
import { findSourceByName, type SourceRecord } from "@/lib/db/sources";
import { createSource, updateSource, listSources, deleteSource, testSource } from "@/lib/services/sources/service";
import { rotateSecretKey } from "@/lib/services/secret-rotation";
import { sourceKinds, type SourceKind, type TlsSetting } from "@/lib/domain/source";
import { healthLabels } from "@/lib/domain/health";
import { AppError } from "@/lib/errors";
import { cliActor, jsonOption, option, printJson, printTable, UsageError, type CliCommand } from "../command";

function whole(values: Record<string, unknown>, name: string): number | undefined {
  const text = option(values, name, false);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

/** A secret read from a file or stdin loses its line ending, nothing else. */
const withoutLineEnding = (text: string) => text.replace(/\r?\n$/, "");

function password(values: Record<string, unknown>): string {
  const given = [
    values.password !== undefined,
    values["password-file"] !== undefined,
    values["password-stdin"] === true,
  ].filter(Boolean).length;
  if (given !== 1) throw new UsageError("Give the password once: --password P, --password-file F or --password-stdin");
  if (values["password-stdin"] === true) return withoutLineEnding(readFileSync(0, "utf8"));
  const file = option(values, "password-file", false);
  if (file !== undefined) return withoutLineEnding(readFileSync(file, "utf8"));
  return option(values, "password")!;
}

function tls(values: Record<string, unknown>): TlsSetting {
  const mode = option(values, "tls", false) ?? "system";
  const caFile = option(values, "ca-file", false);
  if (mode === "pem") {
    if (!caFile) throw new UsageError("--tls pem needs --ca-file F (the router's or cluster's certificate or CA, PEM)");
    return { mode: "pem", pem: readFileSync(caFile, "utf8") };
  }
  if (caFile) throw new UsageError("--ca-file goes with --tls pem");
  if (mode === "system" || mode === "insecure") return { mode };
  throw new UsageError("--tls must be one of: system, insecure, pem");
}

async function sourceNamed(args: string[]): Promise<SourceRecord> {
  const name = args[0];
  if (!name || args.length > 1) throw new UsageError("Name one source (quote a name with spaces)");
  const source = await findSourceByName(name);
  if (!source) throw new AppError("not_found", `No source named ${name}. \`source list\` shows them.`);
  return source;
}

export const sourceAdd: CliCommand = {
  name: "source add",
  usage: "source add --kind cme|cucm --name N --url U [--url U2…] --username U --password P",
  summary:
    "add a router or a cluster (one --url per node); the first real source removes the demo. Also: --password-file F | --password-stdin, --site S, --interval S, --timeout S, --tls system|insecure|pem [--ca-file F], --budget N --reserve N --cap N, --budget-raised (a budget above 15 a minute), --cap-checked (a cap above 1000), --items N (names per request), --disabled",
  options: {
    kind: { type: "string" },
    name: { type: "string" },
    url: { type: "string", multiple: true },
    username: { type: "string" },
    password: { type: "string" },
    "password-file": { type: "string" },
    "password-stdin": { type: "boolean" },
    site: { type: "string" },
    interval: { type: "string" },
    timeout: { type: "string" },
    tls: { type: "string" },
    "ca-file": { type: "string" },
    budget: { type: "string" },
    reserve: { type: "string" },
    cap: { type: "string" },
    disabled: { type: "boolean" },
    "budget-raised": { type: "boolean" },
    "cap-checked": { type: "boolean" },
    items: { type: "string" },
  },
  async run({ values }) {
    const kind = option(values, "kind") as SourceKind;
    if (!sourceKinds.includes(kind)) throw new UsageError(`--kind must be one of: ${sourceKinds.join(", ")}`);
    const urls = (values.url as string[] | undefined) ?? [];
    if (urls.length === 0) throw new UsageError("Missing --url");
    const timeout = whole(values, "timeout");
    const { source } = await createSource(
      {
        kind,
        name: option(values, "name")!,
        urls,
        username: option(values, "username")!,
        password: password(values),
        site: option(values, "site", false),
        pollIntervalS: whole(values, "interval"),
        timeoutMs: timeout === undefined ? undefined : timeout * 1000,
        tls: tls(values),
        budgetPerMinute: whole(values, "budget"),
        budgetReserve: whole(values, "reserve"),
        replyCap: whole(values, "cap"),
        budgetRaised: values["budget-raised"] === true,
        replyCapChecked: values["cap-checked"] === true,
        selectItemsPerRequest: whole(values, "items"),
        enabled: values.disabled !== true,
      },
      cliActor,
    );
    console.log(
      `Added ${source.kind === "cme" ? "router" : "cluster"} ${source.name} (${source.urls.join(", ")}), polled every ${source.pollIntervalS} s${source.enabled ? "" : ", disabled"}.`,
    );
    if (source.tls.mode === "insecure") console.log("Warning: certificate verification is off for this source.");
  },
};

export const sourceList: CliCommand = {
  name: "source list",
  usage: "source list [--json]",
  summary: "list sources with their poll health (--json: as the API answers)",
  options: jsonOption,
  async run({ values }) {
    const listed = await listSources();
    if (values.json) return printJson(listed);
    const { items } = listed;
    if (items.length === 0) {
      console.log("No sources. Add one with `source add`.");
      return;
    }
    const rows = items.map((s) => [
      s.name + (s.demo ? " (demo)" : ""),
      s.kind,
      s.site || "-",
      s.enabled ? "enabled" : "disabled",
      healthLabels[s.health.status] + (s.health.stale ? " (stale)" : ""),
      s.health.lastSuccessAt ?? "never",
      s.urls.join(" "),
    ]);
    printTable(["NAME", "KIND", "SITE", "POLLING", "HEALTH", "LAST SUCCESS", "ADDRESS"], rows);
  },
};

export const sourceTest: CliCommand = {
  name: "source test",
  usage: "source test <name>",
  summary: "test a saved source now (a cluster's test uses one request of its RisPort budget)",
  async run({ args }) {
    const source = await sourceNamed(args);
    const result = await testSource(source.id, cliActor);
    if (!result.ok)
      throw new AppError(
        "upstream_failed",
        `${source.name}: test failed (${result.error?.type ?? "error"}): ${result.summary}`,
      );
    console.log(`${source.name}: OK in ${result.durationMs} ms. ${result.summary}`);
  },
};

function toggle(enabled: boolean): CliCommand {
  const verb = enabled ? "enable" : "disable";
  return {
    name: `source ${verb}`,
    usage: `source ${verb} <name>`,
    summary: enabled ? "resume polling a source" : "stop polling a source (its data stays)",
    async run({ args }) {
      const source = await sourceNamed(args);
      await updateSource(source.id, { enabled }, cliActor);
      console.log(`${enabled ? "Enabled" : "Disabled"} ${source.name}.`);
    },
  };
}
export const sourceEnable = toggle(true);
export const sourceDisable = toggle(false);

export const sourceRemove: CliCommand = {
  name: "source remove",
  usage: "source remove <name>",
  summary: "remove a source with everything polled from it",
  async run({ args }) {
    const source = await sourceNamed(args);
    await deleteSource(source.id, cliActor);
    console.log(`Removed ${source.name} and its data.`);
  },
};

export const secretRotate: CliCommand = {
  name: "secret rotate",
  usage: "secret rotate [--old-key-file F]",
  summary:
    "stop Linewatch, then re-seal every source password: old key LINEWATCH_SECRET_KEY_OLD or the key file, new key LINEWATCH_SECRET_KEY or a generated key file",
  options: { "old-key-file": { type: "string" } },
  async run({ values }) {
    // The CLI's own input, like its flags: read here rather than in the server's configuration.
    const outcome = await rotateSecretKey(
      { oldKey: env().oldSecretKey, oldKeyFile: option(values, "old-key-file", false) },
      cliActor,
    );
    console.log(
      `Re-sealed ${outcome.resealed} secret(s) (source passwords, alert channel secrets) with key ${outcome.newKeyId} (from ${outcome.oldKeyIds.join(", ")}); ${outcome.unchanged} already used it.`,
    );
    console.log(
      outcome.newKeyIn === "key file"
        ? "The new key replaced the key file. Back it up, then start Linewatch."
        : "Keep LINEWATCH_SECRET_KEY as it is and remove LINEWATCH_SECRET_KEY_OLD (and any old key file), then start Linewatch.",
    );
  },
};
