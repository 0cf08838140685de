import { createUser, listUsers, updateUser } from "@/lib/services/users";
import { getUserByEmail } from "@/lib/db/users";
import { roleSchema, roles } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { cliActor, jsonOption, option, printJson, printTable, UsageError, type CliCommand } from "../command";

export function role(value: string | undefined) {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--role must be one of: ${roles.join(", ")}`);
  return parsed.data;
}

export const userCreate: CliCommand = {
  name: "user create",
  usage: "user create --email E --role R [--name N] [--password P]",
  summary: "create a user (a password is generated and printed when not given)",
  options: {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
  },
  async run({ values }) {
    const email = option(values, "email")!;
    const result = await createUser(
      {
        email,
        name: option(values, "name", false) ?? email.split("@")[0]!,
        role: role(option(values, "role")),
        password: option(values, "password", false),
      },
      cliActor,
    );
    console.log(`Created ${result.user.email} (${result.user.role}).`);
    if (result.initialPassword) console.log(`Password (shown once): ${result.initialPassword}`);
  },
};

export const userDisable: CliCommand = {
  name: "user disable",
  usage: "user disable --email E",
  summary: "disable a user and end their sessions",
  options: { email: { type: "string" } },
  async run({ values }) {
    const email = option(values, "email")!;
    const user = await getUserByEmail(email);
    if (!user) throw new AppError("not_found", `No user with the email ${email}.`);
    await updateUser(user.id, { disabled: true }, cliActor);
    console.log(`Disabled ${user.email}; their sessions have ended.`);
  },
};

export const userList: CliCommand = {
  name: "user list",
  usage: "user list [--json]",
  summary: "list the people who sign in, with their role (--json: as the API answers)",
  options: jsonOption,
  async run({ values }) {
    const listed = await listUsers({});
    if (values.json) return printJson(listed);
    printTable(
      ["EMAIL", "NAME", "ROLE", "STATE", "LAST SIGN-IN"],
      listed.items.map((u) => [u.email, u.name, u.role, u.disabled ? "disabled" : "active", u.lastLoginAt ?? "never"]),
    );
  },
};
