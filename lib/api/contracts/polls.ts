// Poll now: one poll of a source, run while the caller waits, answered with its summary.
import { z } from "zod";
import { defineContract } from "../contract";
import { idParams } from "./shared";

export const pollSummarySchema = z.object({
  sourceId: z.string(),
  sourceName: z.string(),
  status: z
    .enum(["ok", "partial", "failed", "skipped"])
    .describe("partial: some data was read (e.g. a node did not answer); skipped: the poll did not run (see error)"),
  devices: z.number().int().describe("Devices the source has now, after this poll"),
  changed: z.number().int().describe("Devices, extensions and CTI applications created, changed or marked missing"),
  requests: z.number().int().describe("Requests sent to the router or cluster"),
  durationMs: z.number().int(),
  error: z.string().optional().describe("What went wrong, or why the poll did not run, in plain words"),
});

export const pollSourceNow = defineContract({
  method: "POST",
  path: "/sources/{id}/poll",
  summary: "Poll a source now (also after its credentials were refused) and return the poll's summary",
  tag: "Sources",
  permission: "pollNow",
  params: idParams,
  response: pollSummarySchema,
});
