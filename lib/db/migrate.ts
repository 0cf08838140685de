// Applies the checked-in migrations for the configured provider with `prisma migrate deploy`
// (the JavaScript schema engine works offline), then sets SQLite's pragmas.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { tuneDatabase } from "./client";

export async function applyMigrations(log: (line: string) => void = () => {}): Promise<void> {
  const config = env().database;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  if (config.provider === "sqlite") {
    mkdirSync(path.dirname(config.file), { recursive: true });
    childEnv.DATABASE_URL = config.url;
  } else {
    childEnv.DATABASE_URL = config.url;
  }
  const prisma = path.resolve("node_modules", ".bin", "prisma");
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(prisma, ["migrate", "deploy"], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (c) => (text += c));
    child.stderr.on("data", (c) => (text += c));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${text}`))));
  });
  const applied = output.split("\n").filter((l) => /migrations? (have been )?applied|No pending migrations/i.test(l));
  for (const line of applied) log(`[linewatch] ${line.trim()}`);
  await tuneDatabase();
}
