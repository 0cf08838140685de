// One notification's content, rendered once when it is written to the outbox (so a retry sends
// what was true then), and its forms per channel: email subject/text/HTML, generic JSON, Slack,
// Teams, and a syslog line.
import { z } from "zod";

export const notificationEvents = ["fired", "resolved", "repeat", "test"] as const;

/** The generic webhook body (schema "linewatch.alert.v1"), also what the outbox stores. */
export const alertPayloadSchema = z.object({
  schema: z.literal("linewatch.alert.v1"),
  event: z.enum(notificationEvents),
  at: z.string().describe("When the change happened (ISO 8601)"),
  rule: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  severity: z.string(),
  title: z.string(),
  link: z.string().describe("Where to look in Linewatch"),
  alerts: z.array(
    z.object({
      id: z.string(),
      subject: z.string(),
      site: z.string(),
      summary: z.string(),
      startedAt: z.string(),
      resolvedAt: z.string().nullable(),
      durationMinutes: z.number().nullable(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

const word = { fired: "FIRING", repeat: "STILL FIRING", resolved: "RESOLVED", test: "TEST" } as const;

export function titleOf(payload: Pick<AlertPayload, "event" | "severity" | "rule" | "alerts">): string {
  const what =
    payload.alerts.length === 1
      ? subjectText(payload.alerts[0]!.subject, payload.alerts[0]!.site)
      : `${payload.alerts.length} subjects`;
  return `${word[payload.event]} ${payload.severity}: ${payload.rule.name}${what ? ` - ${what}` : ""}`;
}

function subjectText(subject: string, site: string): string {
  if (subject === "fleet") return "the fleet";
  if (subject.startsWith("site:")) return `site ${subject.slice(5) || "(none)"}`;
  if (subject.startsWith("device:")) return `${subject.slice(7)}${site ? ` at ${site}` : ""}`;
  if (subject.startsWith("source:")) return site ? `a source at ${site}` : "a source";
  if (subject.startsWith("cti:")) return `CTI app ${subject.split(":").slice(2).join(":")}`;
  return subject;
}

const since = (a: AlertPayload["alerts"][number]) =>
  a.resolvedAt
    ? `from ${a.startedAt} to ${a.resolvedAt}${a.durationMinutes !== null ? ` (${a.durationMinutes} min)` : ""}`
    : `since ${a.startedAt}`;

function affected(detail: Record<string, unknown>): string[] {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== "" && (typeof v !== "object" || (Array.isArray(v) && v.length > 0)))
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.map((x) => (x && typeof x === "object" && "name" in x ? `${(x as { name: string }).name}${"count" in x ? ` (${String((x as { count: number }).count)})` : ""}` : String(x))).join(", ") : String(v)}`,
    );
}

export function emailText(p: AlertPayload): string {
  const lines = [p.title, ""];
  for (const a of p.alerts) {
    lines.push(`What happened: ${a.summary}`, `When: ${since(a)}`, `Affected: ${subjectText(a.subject, a.site)}`);
    for (const line of affected(a.detail)) lines.push(`  ${line}`);
    lines.push("");
  }
  lines.push(`Open in Linewatch: ${p.link}`);
  return lines.join("\n");
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function emailHtml(p: AlertPayload): string {
  const items = p.alerts
    .map((a) =>
      [
        `<h3>${escapeHtml(a.summary)}</h3>`,
        `<p><strong>When:</strong> ${escapeHtml(since(a))}<br><strong>Affected:</strong> ${escapeHtml(subjectText(a.subject, a.site))}</p>`,
        `<ul>${affected(a.detail)
          .map((l) => `<li>${escapeHtml(l)}</li>`)
          .join("")}</ul>`,
      ].join(""),
    )
    .join("");
  return `<!doctype html><html><body><h2>${escapeHtml(p.title)}</h2>${items}<p><a href="${escapeHtml(p.link)}">Open in Linewatch</a></p></body></html>`;
}

export function slackBody(p: AlertPayload): unknown {
  return {
    text: [`*${p.title}*`, ...p.alerts.map((a) => `${a.summary} (${since(a)})`), `<${p.link}|Open in Linewatch>`].join(
      "\n",
    ),
  };
}

const teamsColor = (p: AlertPayload) =>
  p.event === "resolved"
    ? "2EB886"
    : p.severity === "critical"
      ? "D00000"
      : p.severity === "warning"
        ? "FFA500"
        : "439FE0";

export function teamsBody(p: AlertPayload): unknown {
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: p.title,
    themeColor: teamsColor(p),
    title: p.title,
    sections: p.alerts.map((a) => ({
      activityTitle: a.summary,
      facts: [
        { name: "When", value: since(a) },
        ...affected(a.detail).map((l) => ({ name: l.split(":")[0]!, value: l.split(":").slice(1).join(":").trim() })),
      ],
    })),
    potentialAction: [{ "@type": "OpenUri", name: "Open in Linewatch", targets: [{ os: "default", uri: p.link }] }],
  };
}

const syslogSeverity = (p: AlertPayload) =>
  p.event === "resolved" ? 5 : p.severity === "critical" ? 2 : p.severity === "warning" ? 4 : 6;
/** RFC 5424 PARAM-VALUE: `"`, `\` and `]` escaped. */
const sdValue = (s: string) => s.replace(/["\\\]]/g, (c) => `\\${c}`);
/** PRINTUSASCII without spaces, at most `max` characters; "-" when empty. */
const header = (s: string, max: number) => s.replace(/[^\x21-\x7e]/g, "").slice(0, max) || "-";

/** One RFC 5424 line: <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG. Facility local0 by default. */
export function syslogLine(p: AlertPayload, options: { hostname: string; facility?: number; at?: Date }): string {
  const pri = (options.facility ?? 16) * 8 + syslogSeverity(p);
  const first = p.alerts[0];
  const sd = `[linewatch@32473 event="${sdValue(p.event)}" rule="${sdValue(p.rule.name)}" severity="${sdValue(p.severity)}" subject="${sdValue(first?.subject ?? "")}" site="${sdValue(first?.site ?? "")}"]`;
  const message = `${p.title}: ${p.alerts.map((a) => a.summary).join(" | ")} ${p.link}`.replace(/[\r\n]+/g, " ");
  return `<${pri}>1 ${(options.at ?? new Date(p.at)).toISOString()} ${header(options.hostname, 255)} linewatch ${process.pid} ${header(`alert-${p.event}`, 32)} ${sd} ${message}`;
}
