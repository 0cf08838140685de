import { describe, expect, test } from "vitest";
import { createBody, emptyForm, formFromSource, testBody, updateBody } from "./form-values";
import type { Source } from "./api";

const saved: Source = {
  id: "s1",
  name: "HQ",
  kind: "cucm",
  site: "HQ",
  urls: ["https://cucm1:8443", "https://cucm2:8443"],
  username: "ris",
  tls: { mode: "insecure" },
  pollIntervalS: 300,
  timeoutMs: 30_000,
  budgetPerMinute: 15,
  budgetReserve: 3,
  replyCap: 1000,
  replyCapChecked: false,
  budgetRaised: false,
  selectItemsPerRequest: 500,
  axlEnabled: false,
  axlUsername: null,
  configuredIntervalS: null,
  configured: null,
  enabled: true,
  demo: false,
  settingsVersion: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  health: {
    status: "ok",
    lastAttemptAt: null,
    lastSuccessAt: null,
    consecutiveFailures: 0,
    lastError: null,
    nextPollAt: null,
    stale: false,
    staleSince: null,
  },
  completeness: null,
  budget: { limit: 12, used: 1, pausedUntil: null },
};

describe("source form values", () => {
  test("a new router: errors land on their fields", () => {
    const result = createBody({ ...emptyForm("cme"), name: "", urls: "router.local", timeoutS: "abc" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["name", "password", "timeoutS", "urls", "username"]);
    expect(result.errors.timeoutS).toBe("enter a whole number");
    expect(result.errors.name).toBe("required");
  });

  test("a new cluster: nodes one per line, seconds become milliseconds, PEM goes under tls", () => {
    const result = createBody({
      ...emptyForm("cucm"),
      name: "HQ",
      urls: "https://a:8443\nhttps://b:8443\n",
      username: "u",
      password: "p",
      timeoutS: "20",
      tlsMode: "pem",
      pem: "-----BEGIN CERTIFICATE-----\nabc",
      budgetPerMinute: "10",
    });
    expect(result).toEqual({
      ok: true,
      body: expect.objectContaining({
        kind: "cucm",
        urls: ["https://a:8443", "https://b:8443"],
        timeoutMs: 20_000,
        tls: { mode: "pem", pem: "-----BEGIN CERTIFICATE-----\nabc" },
        budgetPerMinute: 10,
      }),
    });
    const reserve = createBody({
      ...emptyForm("cucm"),
      name: "HQ",
      urls: "https://a",
      username: "u",
      password: "p",
      budgetPerMinute: "3",
    });
    expect(reserve.ok ? null : reserve.errors.budgetReserve).toMatch(/reserve must be below/);
  });

  test("an edit sends only what changed, and a password only when typed", () => {
    const unchanged = updateBody(formFromSource(saved), saved);
    expect(unchanged).toEqual({ ok: true, body: {} });
    const edited = updateBody(
      { ...formFromSource(saved), site: "HQ 2", urls: "https://cucm1:8443", password: "new" },
      saved,
    );
    expect(edited).toEqual({ ok: true, body: { site: "HQ 2", urls: ["https://cucm1:8443"], password: "new" } });
    const broken = updateBody({ ...formFromSource(saved), budgetReserve: "15" }, saved);
    expect(broken.ok ? null : broken.errors.budgetReserve).toMatch(/reserve/);
  });

  test("testing unsaved values needs a password unless an existing source lends its own", () => {
    const values = formFromSource(saved);
    expect(testBody(values).ok).toBe(false);
    expect(testBody(values, "s1")).toEqual({
      ok: true,
      body: expect.objectContaining({ sourceId: "s1", kind: "cucm" }),
    });
    expect(testBody(values, "s1").ok && "password" in (testBody(values, "s1") as { body: object }).body).toBe(false);
  });
});
