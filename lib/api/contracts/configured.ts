// A cluster's configured inventory (AXL) read on an admin's request instead of on its schedule.
import { z } from "zod";
import { defineContract } from "../contract";
import { idParams } from "./shared";
import { pollSummarySchema } from "./polls";

export const readConfiguredNow = defineContract({
  method: "POST",
  path: "/sources/{id}/configured/read",
  summary:
    "Read a cluster's configured devices through AXL now: marks the read as requested (audited) and polls the cluster now, which reads it (409 unless the source is a cluster with AXL on)",
  tag: "Sources",
  permission: "manageSources",
  params: idParams,
  response: z.object({
    requestedAt: z
      .string()
      .describe("When the read was asked for; the source's configured.requested stays true until a read after it"),
    poll: pollSummarySchema.describe("The poll that ran for it, as POST /sources/{id}/poll answers"),
  }),
});
