import { describe, expect, test } from "vitest";
import { createBody, emptyForm, formFromSource, issuesToErrors, testBody, updateBody } from "./form-values";
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

  test("a new cluster with AXL: its own user and password, the interval in hours; none of it for a router", () => {
    const cluster = { ...emptyForm("cucm"), name: "HQ", urls: "https://a:8443", username: "ris", password: "p" };
    const sameUser = createBody({ ...cluster, axlEnabled: true });
    expect(sameUser).toEqual({
      ok: true,
      body: expect.objectContaining({ axlEnabled: true, axlUsername: null, configuredIntervalS: undefined }),
    });
    expect(sameUser.ok && "axlPassword" in sameUser.body).toBe(false);
    const own = createBody({
      ...cluster,
      axlEnabled: true,
      axlUsername: " axl ",
      axlPassword: "secret",
      configuredIntervalH: "0.5",
    });
    expect(own).toEqual({
      ok: true,
      body: expect.objectContaining({
        axlEnabled: true,
        axlUsername: "axl",
        axlPassword: "secret",
        configuredIntervalS: 1800,
      }),
    });
    const noPassword = createBody({ ...cluster, axlEnabled: true, axlUsername: "axl" });
    expect(noPassword.ok ? null : noPassword.errors.axlPassword).toMatch(/AXL user's password/);
    for (const hours of ["0.1", "200", "six"]) {
      const bad = createBody({ ...cluster, axlEnabled: true, configuredIntervalH: hours });
      expect(bad.ok ? null : bad.errors.configuredIntervalH, hours).toBe(
        "enter hours from 0.25 (15 minutes) to 168 (a week)",
      );
    }
    const router = createBody({
      ...emptyForm("cme"),
      name: "R",
      urls: "http://10.1.1.1",
      username: "u",
      password: "p",
      axlEnabled: true,
      axlPassword: "x",
    });
    // Undefined fields are not sent (JSON leaves them out).
    const sent = router.ok ? Object.keys(JSON.parse(JSON.stringify(router.body))) : null;
    expect(sent?.filter((k) => /axl|configured/i.test(k))).toEqual([]);
  });

  test("editing AXL: the stored password is kept unless typed, asked for with a new user, the interval reads in hours", () => {
    const axl: Source = { ...saved, axlEnabled: true, axlUsername: "axl", configuredIntervalS: 3600 };
    const values = formFromSource(axl);
    expect(values).toMatchObject({ axlEnabled: true, axlUsername: "axl", axlPassword: "", configuredIntervalH: "1" });
    expect(updateBody(values, axl)).toEqual({ ok: true, body: {} });
    expect(updateBody({ ...values, axlPassword: "new" }, axl)).toEqual({ ok: true, body: { axlPassword: "new" } });
    const otherUser = updateBody({ ...values, axlUsername: "axl2" }, axl);
    expect(otherUser.ok ? null : otherUser.errors.axlPassword).toMatch(/AXL user's password/);
    expect(updateBody({ ...values, axlUsername: "" }, axl)).toEqual({ ok: true, body: { axlUsername: null } });
    // Emptied: back to the default, which the API takes as its value.
    expect(updateBody({ ...values, configuredIntervalH: "" }, axl)).toEqual({
      ok: true,
      body: { configuredIntervalS: 6 * 3600 },
    });
    expect(updateBody({ ...formFromSource(saved), axlEnabled: true }, saved)).toEqual({
      ok: true,
      body: { axlEnabled: true },
    });
    expect(formFromSource({ ...axl, configuredIntervalS: 1000 }).configuredIntervalH).toBe("0.2778");
    expect(
      updateBody(formFromSource({ ...axl, configuredIntervalS: 1000 }), { ...axl, configuredIntervalS: 1000 }),
    ).toEqual({
      ok: true,
      body: {},
    });
  });

  test("server errors on the AXL fields land on them", () => {
    expect(issuesToErrors([{ path: ["axlPassword"], message: "enter the AXL password again" }])).toEqual({
      axlPassword: "enter the AXL password again",
    });
    expect(
      issuesToErrors([{ path: ["configuredIntervalS"], message: "Too small: expected number to be >=900" }]),
    ).toEqual({
      configuredIntervalH: "enter hours from 0.25 (15 minutes) to 168 (a week)",
    });
  });

  test("testing unsaved values needs a password unless an existing source lends its own", () => {
    const values = formFromSource(saved);
    expect(testBody(values).ok).toBe(false);
    expect(testBody(values, "s1")).toEqual({
      ok: true,
      body: expect.objectContaining({ sourceId: "s1", kind: "cucm" }),
    });
    expect(testBody(values, "s1").ok && "password" in (testBody(values, "s1") as { body: object }).body).toBe(false);
    // The test reaches RisPort, not AXL: an AXL user without its password does not block it.
    const axl = testBody({ ...values, axlEnabled: true, axlUsername: "axl" }, "s1");
    expect(axl.ok && Object.keys(axl.body).filter((k) => /axl|configured/i.test(k))).toEqual([]);
  });
});
