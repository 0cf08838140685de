import { applyMigrations } from "@/lib/db/migrate";
import { ensureFirstAdmin } from "@/lib/services/first-admin";
import { currentKey } from "@/lib/secrets/source-passwords";
import type { CliCommand } from "../command";

export const migrate: CliCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "apply pending database migrations",
  async run() {
    await applyMigrations(console.log);
  },
};

export const prepare: CliCommand = {
  name: "prepare",
  usage: "prepare",
  summary: "migrate, create the first administrator and the password-sealing key if missing (npm start runs this)",
  async run() {
    await applyMigrations(console.log);
    await ensureFirstAdmin();
    // Here, once, before the web server and the poll worker start: neither races the other to write it.
    currentKey({ create: true });
  },
};
