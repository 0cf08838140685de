// Issue 15: a foreign or malformed callbackUrl never reaches next-auth (which answered 500).
import { expect, test } from "vitest";
import { safeCallbackUrl, withSafeCallbackUrl } from "./callback-url";

const base = "http://127.0.0.1:3210";

test("only paths on this site survive", () => {
  expect(safeCallbackUrl("/phones?q=1", base)).toBe("/phones?q=1");
  expect(safeCallbackUrl("http://127.0.0.1:3210/users", base)).toBe("/users");
  expect(safeCallbackUrl("http://host.evil.example/", base)).toBeNull();
  expect(safeCallbackUrl("//host.evil.example/x", base)).toBeNull();
  expect(safeCallbackUrl("http://[::1", base)).toBeNull();
});

test("query and form body are cleaned; a clean request passes through untouched", async () => {
  const get = await withSafeCallbackUrl(
    new Request(`${base}/api/auth/signin?callbackUrl=http%3A%2F%2F%5B%3A%3A1`),
    base,
  );
  expect(new URL(get.url).searchParams.has("callbackUrl")).toBe(false);
  const post = await withSafeCallbackUrl(
    new Request(`${base}/api/auth/signin/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "csrfToken=t&callbackUrl=http%3A%2F%2Fhost.evil.example%2F",
    }),
    base,
  );
  expect(await post.text()).toBe("csrfToken=t");
  const clean = new Request(`${base}/api/auth/session`);
  expect(await withSafeCallbackUrl(clean, base)).toBe(clean);
});
