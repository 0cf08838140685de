// `npm run linewatch -- <command>`: operator commands that use the same data layer as the app.
import { parseArgs } from "node:util";
import { applyMigrations } from "@/lib/db/migrate";
import { closeDb } from "@/lib/db/client";
import { ensureFirstAdmin } from "@/lib/accounts/first-admin";
import { addPerson, changePerson } from "@/lib/accounts/users";
import { issueToken } from "@/lib/accounts/tokens";
import { getUserByEmail } from "@/lib/db/users";
import { roleSchema, roles } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { ConfigError } from "@/lib/env";

const usage = `Usage: npm run linewatch -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  prepare                                   migrate, then create the first administrator if there is none
  user create --email E --role R [--name N] [--password P]
                                            create a user (a password is generated and printed if not given)
  user disable --email E                    disable a user and end their sessions
  token create --name N --role R [--days D] create an API token (printed alone on the last line)

Roles: ${roles.join(", ")}`;

class UsageError extends Error {}

const cliActor = { actor: "cli" };

function option(values: Record<string, unknown>, name: string, required = true): string | undefined {
  const value = values[name];
  if (typeof value === "string" && value.length > 0) return value;
  if (required) throw new UsageError(`Missing --${name}`);
  return undefined;
}

function role(value: string | undefined) {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--role must be one of: ${roles.join(", ")}`);
  return parsed.data;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" }, days: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(usage);
    if (!values.help) throw new UsageError("No command given");
    return;
  }
  switch (`${command}${sub ? " " + sub : ""}`) {
    case "migrate":
      await applyMigrations(console.log);
      console.log("Database is up to date.");
      return;
    case "prepare":
      await applyMigrations(console.log);
      await ensureFirstAdmin();
      return;
    case "user create": {
      const email = option(values, "email")!;
      const result = await addPerson({ email, name: option(values, "name", false) ?? email.split("@")[0]!, role: role(option(values, "role")), password: option(values, "password", false) }, cliActor);
      console.log(`Created ${result.user.email} (${result.user.role}).`);
      if (result.initialPassword) console.log(`Password (shown once): ${result.initialPassword}`);
      return;
    }
    case "user disable": {
      const email = option(values, "email")!;
      const user = await getUserByEmail(email);
      if (!user) throw new AppError("not_found", `No user with the email ${email}.`);
      await changePerson(user.id, { disabled: true }, cliActor);
      console.log(`Disabled ${user.email}; their sessions have ended.`);
      return;
    }
    case "token create": {
      const days = option(values, "days", false);
      const expiresInDays = days === undefined ? undefined : Number(days);
      if (expiresInDays !== undefined && (!Number.isInteger(expiresInDays) || expiresInDays < 1)) throw new UsageError("--days must be a whole number of days");
      const { token, record } = await issueToken({ name: option(values, "name")!, role: role(option(values, "role")), expiresInDays }, cliActor);
      console.log(`Created token "${record.name}" (${record.role})${record.expiresAt ? `, expires ${record.expiresAt}` : ""}. It is shown only now:`);
      console.log(token);
      return;
    }
    default:
      throw new UsageError(`Unknown command: ${positionals.join(" ")}`);
  }
}

run(process.argv.slice(2))
  .then(() => closeDb())
  .catch(async (error: unknown) => {
    await closeDb().catch(() => {});
    if (error instanceof UsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      console.error(`Error: ${(error as Error).message}\n\n${usage}`);
      process.exit(2);
    }
    if (error instanceof AppError) console.error(`Error: ${error.userMessage}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  });
