import { applyMigrations } from "@/lib/db/migrate";
import { ensureFirstAdmin } from "@/lib/services/first-admin";
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
  summary: "migrate, then create the first administrator if there is none (npm start runs this)",
  async run() {
    await applyMigrations(console.log);
    await ensureFirstAdmin();
  },
};
