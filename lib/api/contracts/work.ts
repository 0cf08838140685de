// A request to the poll worker as callers follow it: queued, running (with progress), done with
// its result, or failed with the error envelope's code and message.
import { z } from "zod";

export const workStatusSchema = z.object({
  id: z.string(),
  kind: z.string().describe("poll | refresh-phone | demo-wan | recompute-sites"),
  status: z.enum(["pending", "running", "done", "failed"]),
  progress: z
    .object({ done: z.number().int(), total: z.number().int() })
    .nullable()
    .describe("Devices worked out so far, of how many"),
  result: z.unknown().describe("What the work answered, once done"),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string().datetime(),
  finishedAt: z.string().datetime().nullable(),
});
