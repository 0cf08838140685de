import { describe, expect, it } from "vitest";
import { nextAuthOriginFromRequests } from "./request-origin";

describe("next-auth's origin", () => {
  it("comes from each request when no public URL is configured", () => {
    const processEnv: Record<string, string | undefined> = {};
    nextAuthOriginFromRequests(undefined, processEnv);
    expect(processEnv.AUTH_TRUST_HOST).toBe("true");
  });

  it("is NEXTAUTH_URL when one is configured: request headers are not consulted", () => {
    const processEnv: Record<string, string | undefined> = {};
    nextAuthOriginFromRequests("https://linewatch.example", processEnv);
    expect(processEnv.AUTH_TRUST_HOST).toBeUndefined();
  });
});
