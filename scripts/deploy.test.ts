// deploy/ cannot be run here (no Docker daemon, no systemd): what can be checked is that its files
// agree with the build and with each other: the standalone server, the port, the readiness probe.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import nextConfig from "../next.config";

const root = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("deploy/", () => {
  it("the build writes the standalone server with the files it reads by path", () => {
    expect(nextConfig.output).toBe("standalone");
    const included = Object.values(nextConfig.outputFileTracingIncludes ?? {}).flat();
    expect(included).toEqual(
      expect.arrayContaining([
        expect.stringContaining("prisma/migrations/"),
        expect.stringContaining("lib/db/sqlite-thread.mjs"),
      ]),
    );
  });

  it("the Dockerfile builds, completes and runs the standalone server as a non-root user, probing /readyz", () => {
    const dockerfile = read("deploy/Dockerfile");
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/next build && node scripts\/standalone\.mjs/);
    expect(dockerfile).toMatch(/^COPY --from=build \/src\/\.next\/standalone \.\/$/m);
    expect(dockerfile).toMatch(/^USER linewatch$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "server\.js"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/PORT=3000/);
    expect(dockerfile).toMatch(/HOSTNAME=0\.0\.0\.0/);
  });

  it("compose runs Linewatch on PostgreSQL 15 with volumes and health checks", () => {
    const compose = read("deploy/compose.yaml");
    expect(compose).toMatch(/image: postgres:15\b/);
    expect(compose).toMatch(/dockerfile: deploy\/Dockerfile/);
    expect(compose).toMatch(/DATABASE_URL: postgresql:\/\/linewatch:\$\{POSTGRES_PASSWORD\}@postgres:5432\/linewatch/);
    expect(compose).toMatch(/condition: service_healthy/);
    expect(compose).toMatch(/- "3000:3000"/);
    expect(compose).toMatch(/postgres-data:\/var\/lib\/postgresql\/data/);
    expect(compose).toMatch(/linewatch-data:\/var\/lib\/linewatch/);
    expect(compose).toMatch(/pg_isready/);
    expect(compose).toMatch(/127\.0\.0\.1:3000\/readyz/);
  });

  it("the systemd unit runs the standalone server as its own user, restarted on failure and confined", () => {
    const unit = read("deploy/systemd/linewatch.service");
    for (const line of [
      "ExecStart=/usr/bin/node /opt/linewatch/server.js",
      "User=linewatch",
      "EnvironmentFile=-/etc/linewatch/linewatch.env",
      "Environment=LINEWATCH_DATA_DIR=/var/lib/linewatch",
      "StateDirectory=linewatch",
      "Restart=on-failure",
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
    ])
      expect(unit.split("\n")).toContain(line);
  });

  it("deploy/README.md explains each of them", () => {
    const readme = read("deploy/README.md");
    for (const name of ["systemd/linewatch.service", "Dockerfile", "compose.yaml", "/healthz", "/readyz"])
      expect(readme).toContain(name);
  });
});
