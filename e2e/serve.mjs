// Starts Linewatch for the e2e run: a wiped data directory, the first admin from env, the other
// roles created with the CLI, then `npm start`'s own script (which builds when sources changed).
import { spawn, spawnSync } from "node:child_process";
import { rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { people } from "./people.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dataDir = path.join(root, ".e2e", "data");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const env = {
  ...process.env,
  LINEWATCH_DATA_DIR: dataDir,
  DATABASE_URL: "",
  LINEWATCH_ADMIN_EMAIL: people.admin.email,
  LINEWATCH_ADMIN_PASSWORD: people.admin.password,
  LINEWATCH_HOST: "127.0.0.1",
  // The demo fleet's simulators answer POST /__sim/control so specs can check the router's state.
  LINEWATCH_DEMO_CONTROL: "1",
  PORT: process.env.E2E_PORT ?? "3210",
  NEXTAUTH_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3210"}`,
};
const cli = (...args) => {
  const result = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "lib/cli/main.ts", ...args],
    { cwd: root, env, stdio: "inherit" },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
};
cli("prepare");
for (const person of [people.helpdesk, people.viewer])
  cli("user", "create", "--email", person.email, "--role", person.role, "--password", person.password);

const server = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
