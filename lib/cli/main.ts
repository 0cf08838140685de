// `npm run linewatch -- <command>`: operator commands that use the same data layer as the app.
import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db/client";
import { roles } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { ConfigError } from "@/lib/env";
import { UsageError } from "./command";
import { commands } from "./commands";

const width = Math.max(...commands.map((c) => c.usage.length)) + 2;
const usage = `Usage: npm run linewatch -- <command> [options]

Commands:
${commands.map((c) => `  ${c.usage.padEnd(width)}${c.summary}`).join("\n")}

Roles: ${roles.join(", ")}`;

async function run(argv: string[]): Promise<void> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h") {
    console.log(usage);
    if (argv.length === 0) throw new UsageError("No command given");
    return;
  }
  // The longest run of leading words that names a command ("user create" before "user").
  const command = commands
    .filter((c) => c.name.split(" ").every((word, i) => argv[i] === word))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!command)
    throw new UsageError(
      `Unknown command: ${argv
        .filter((a) => !a.startsWith("-"))
        .slice(0, 2)
        .join(" ")}`,
    );
  const rest = argv.slice(command.name.split(" ").length);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { ...command.options, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(`Usage: npm run linewatch -- ${command.usage}\n  ${command.summary}`);
    return;
  }
  await command.run({ values, args: positionals });
}

const parseErrors = new Set([
  "ERR_PARSE_ARGS_UNKNOWN_OPTION",
  "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL",
  "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
]);

run(process.argv.slice(2))
  .then(async () => {
    await closeDb();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    await closeDb().catch(() => {});
    if (error instanceof UsageError || parseErrors.has((error as { code?: string }).code ?? "")) {
      console.error(`Error: ${(error as Error).message}\n\n${usage}`);
      process.exit(2);
    }
    if (error instanceof AppError) console.error(`Error: ${error.userMessage}`);
    else if (error instanceof ConfigError) console.error(error.message);
    else if (error && typeof error === "object" && "userMessage" in error)
      console.error(`Error: ${(error as { userMessage: string }).userMessage}`);
    else console.error(error);
    process.exit(1);
  });
