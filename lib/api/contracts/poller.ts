// The poll workers' health as everyone may see it: down (no heartbeat), behind (polls overdue), ok.
import { z } from "zod";
import { defineContract } from "../contract";

export const pollerSchema = z.object({
  mode: z.enum(["inline", "external"]).describe("inline: the web server polls itself; external: poll workers do"),
  state: z
    .enum(["ok", "behind", "down"])
    .describe("down: no worker's heartbeat in 30 s; behind: polls overdue by more than a minute"),
  lastBeatAt: z.string().datetime().nullable().describe("The newest heartbeat of any worker"),
  overdue: z.object({
    count: z.number().int().describe("Enabled sources whose poll is overdue by more than a minute"),
    oldestDueAt: z.string().datetime().nullable(),
  }),
  enabledSources: z.number().int(),
  workers: z.array(
    z.object({
      id: z.string(),
      host: z.string(),
      pid: z.number().int(),
      startedAt: z.string().datetime(),
      beatAt: z.string().datetime(),
      polling: z.number().int().describe("Polls running at its last heartbeat"),
      alive: z.boolean(),
    }),
  ),
});

export const getPoller = defineContract({
  method: "GET",
  path: "/poller",
  summary: "Poll workers' heartbeats and the queue of overdue polls",
  tag: "Sources",
  permission: "viewInventory",
  response: pollerSchema,
});
