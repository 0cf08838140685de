import { describe, expect, test } from "vitest";
import { emailHtml, emailText, slackBody, syslogLine, teamsBody, titleOf, type AlertPayload } from "./message";
import { signature } from "./channels/webhook";
import { isSoftClient, parseRuleParams, ruleInputSchema } from "@/lib/domain/alert-rules";
import { silenceFor } from "./evaluate";
import { backoffMs } from "./deliver";

const base = {
  schema: "linewatch.alert.v1" as const,
  event: "fired" as const,
  at: "2026-11-22T10:02:00.000Z",
  rule: { id: "r1", name: "Key phone", kind: "key-phone" },
  severity: "critical",
  link: "https://lw.example/alerts",
  alerts: [
    {
      id: "a1",
      subject: "device:SEP001122334455",
      site: "Lobby <B>",
      summary: 'Key phone "lift" ] is unregistered.',
      startedAt: "2026-11-22T10:00:00.000Z",
      resolvedAt: null,
      durationMinutes: null,
      detail: { device: "SEP001122334455", model: "7841" },
    },
  ],
};
const payload: AlertPayload = { ...base, title: titleOf(base) };

describe("messages", () => {
  test("title names the event, severity, rule and subject", () => {
    expect(payload.title).toBe("FIRING critical: Key phone - SEP001122334455 at Lobby <B>");
  });

  test("email text says what, since when, what is affected and links into Linewatch; HTML is escaped", () => {
    expect(emailText(payload)).toContain("When: since 2026-11-22T10:00:00.000Z");
    expect(emailText(payload)).toContain("  model: 7841");
    expect(emailText(payload)).toContain("Open in Linewatch: https://lw.example/alerts");
    expect(emailHtml(payload)).toContain("Lobby &lt;B&gt;");
    expect(emailHtml(payload)).not.toContain("<B>");
  });

  test("Slack and Teams formats", () => {
    expect((slackBody(payload) as { text: string }).text).toContain("<https://lw.example/alerts|Open in Linewatch>");
    expect(teamsBody(payload)).toMatchObject({ "@type": "MessageCard", themeColor: "D00000", title: payload.title });
  });

  test("syslog: RFC 5424 header, escaped structured data, one line", () => {
    const line = syslogLine({ ...payload, title: "x\ny" }, { hostname: "lw host", facility: 16 });
    expect(line).toMatch(
      /^<130>1 2026-11-22T10:02:00\.000Z lwhost linewatch \d+ alert-fired \[linewatch@32473 event="fired" rule="Key phone" severity="critical" subject="device:SEP001122334455" site="Lobby <B>"\] x y: Key phone "lift" ] is unregistered\. https/,
    );
    expect(line).not.toContain("\n");
    expect(syslogLine({ ...payload, event: "resolved" }, { hostname: "h" }).startsWith("<133>1 ")).toBe(true);
  });

  test("webhook signature is HMAC-SHA256 of the body", () => {
    expect(signature("{}", "secret")).toBe("sha256=77325902caca812dc259733aacd046b73817372c777b8d95b402647474516e13");
  });
});

describe("rules", () => {
  test("soft clients are recognised by model and device name", () => {
    expect(isSoftClient("Cisco Unified Client Services Framework")).toBe(true);
    expect(isSoftClient("Cisco Dual Mode for Android")).toBe(true);
    expect(isSoftClient("", "BOTJSMITH")).toBe(true);
    expect(isSoftClient("Cisco 8845")).toBe(false);
  });

  test("parameters get their defaults and the filter is read apart", () => {
    expect(parseRuleParams("registration-drop", { filter: { sites: ["Leeds"] } })).toEqual({
      params: { dropPoints: 10, windowMinutes: 15, scope: "fleet", includeSoftClients: false, minPhones: 5 },
      scope: { sites: ["Leeds"], sources: [], models: [], deviceClasses: [] },
    });
  });

  test("a rule's parameters are checked against its kind", () => {
    expect(ruleInputSchema.safeParse({ name: "x", kind: "flapping", params: { changesPerHour: 1 } }).success).toBe(
      false,
    );
    expect(ruleInputSchema.safeParse({ name: "x", kind: "flapping", params: { changesPerHour: 8 } }).success).toBe(
      true,
    );
  });

  test("a silence matches when every field it sets matches", () => {
    const s = {
      id: "s",
      ruleId: null,
      site: "Leeds",
      subject: null,
      startsAt: new Date(0),
      endsAt: new Date(1),
      reason: "",
      createdBy: "",
      createdAt: new Date(0),
      cancelledAt: null,
    };
    expect(silenceFor([s], { ruleId: "r", site: "Leeds", subject: "site:Leeds" })).toBe(s);
    expect(silenceFor([s], { ruleId: "r", site: "Paris", subject: "site:Paris" })).toBeUndefined();
  });

  test("backoff doubles from 30 s up to 30 min", () => {
    expect([1, 2, 3, 7, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 1_800_000, 1_800_000]);
  });
});
