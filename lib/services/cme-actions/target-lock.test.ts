import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { targetKey, withTargetLocks } from "./target-lock";

describe("per-target locks", () => {
  test("a second action on a held target is refused with 409 at once; other targets run", async () => {
    let release!: () => void;
    const first = withTargetLocks(
      [targetKey("s1", "phone", "A"), targetKey("s1", "phone", "B")],
      "busy",
      () => new Promise<string>((resolve) => (release = () => resolve("first"))),
    );
    const second = withTargetLocks([targetKey("s1", "phone", "B")], "B is busy", async () => "second").catch(
      (e: unknown) => e,
    );
    const other = withTargetLocks([targetKey("s2", "phone", "B")], "busy", async () => "other source");
    expect(await other).toBe("other source");
    const refused = await second;
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(409);
    expect((refused as AppError).userMessage).toBe("B is busy");
    release();
    expect(await first).toBe("first");
    expect(await withTargetLocks([targetKey("s1", "phone", "B")], "busy", async () => "again")).toBe("again");
  });

  test("the lock is released when the action fails", async () => {
    await expect(withTargetLocks(["k"], "busy", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withTargetLocks(["k"], "busy", async () => "ok")).toBe("ok");
  });
});
