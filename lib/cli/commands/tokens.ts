import { createToken, listTokens } from "@/lib/services/tokens";
import { cliActor, jsonOption, option, printJson, printTable, UsageError, type CliCommand } from "../command";
import { role } from "./users";

export const tokenCreate: CliCommand = {
  name: "token create",
  usage: "token create --name N --role R [--days D]",
  summary: "create an API token (printed alone on the last line)",
  options: { name: { type: "string" }, role: { type: "string" }, days: { type: "string" } },
  async run({ values }) {
    const days = option(values, "days", false);
    const expiresInDays = days === undefined ? undefined : Number(days);
    if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1))
      throw new UsageError("--days must be a whole number of days");
    const { token, record } = await createToken(
      { name: option(values, "name")!, role: role(option(values, "role")), expiresInDays },
      cliActor,
    );
    console.log(
      `Created token "${record.name}" (${record.role})${record.expiresAt ? `, expires ${record.expiresAt}` : ""}. It is shown only now:`,
    );
    console.log(token);
  },
};

export const tokenList: CliCommand = {
  name: "token list",
  usage: "token list [--json]",
  summary: "list API tokens, never their secrets (--json: as the API answers)",
  options: jsonOption,
  async run({ values }) {
    const listed = await listTokens();
    if (values.json) return printJson(listed);
    printTable(
      ["NAME", "PREFIX", "ROLE", "STATE", "EXPIRES", "LAST USED"],
      listed.items.map((t) => [
        t.name,
        t.prefix,
        t.role,
        t.revokedAt ? "revoked" : "active",
        t.expiresAt ?? "never",
        t.lastUsedAt ?? "never",
      ]),
    );
  },
};
