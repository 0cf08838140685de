// The import-direction check catches each kind of import that runs up the layers.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import { findViolations } from "./check-imports.mjs";

const check = (file: string, spec: string): string[] => findViolations([file], () => `import { x } from "${spec}";\n`);

describe("import direction", () => {
  it("lets a layer import the layers below it and its own folder", () => {
    expect(check("lib/services/phones.ts", "@/lib/db/phones")).toEqual([]);
    expect(check("lib/db/phones.ts", "@/lib/domain/mac")).toEqual([]);
    expect(check("lib/inventory/poll.ts", "./changes")).toEqual([]);
    expect(check("app/api/v1/phones/route.ts", "@/lib/services/phones")).toEqual([]);
  });

  it("refuses an import from a layer above", () => {
    expect(check("lib/db/sources.ts", "@/lib/services/sources/validate")).toEqual([
      "lib/db/sources.ts imports @/lib/services/sources/validate: lib/services is a layer above lib/db",
    ]);
    expect(check("lib/domain/status.ts", "../inventory/poll")).toHaveLength(1);
  });

  it("keeps the Cisco clients and the simulators independent of each other", () => {
    expect(check("lib/simulators/cme/server.ts", "@/lib/cme/client")).toEqual([
      "lib/simulators/cme/server.ts imports @/lib/cme/client: lib/simulators and lib/cme are independent layers",
    ]);
  });

  it("keeps browser components to vocabulary and API contracts", () => {
    expect(check("components/phones/phone-table.tsx", "@/lib/api/contracts/inventory")).toEqual([]);
    expect(check("components/phones/phone-table.tsx", "@/lib/db/phones")).toHaveLength(1);
  });

  it("keeps test helpers out of production code and route files out of test helpers", () => {
    expect(check("lib/inventory/poll.ts", "@/lib/testing/fake-clock")).toHaveLength(1);
    expect(check("lib/inventory/poll.int.test.ts", "@/lib/testing/fake-clock")).toEqual([]);
    expect(check("lib/testing/world.ts", "@/app/api/v1/phones/route")).toHaveLength(1);
  });
});
