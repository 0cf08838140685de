// Schemas shared by several contracts.
import { z } from "zod";

export const idParams = z.object({ id: z.string().min(1).max(64) });
export const emptyObject = z.object({}).strict();
export const isoDate = z.iso.datetime();
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
export const okResponse = z.object({ ok: z.literal(true) });
/**
 * The views everyone refreshes during an outage (the overview, the phones list): an answer serves
 * identical requests for this long after its read (`reuseMs`). Their data changes per poll (every
 * 30 s or more per source) and the overview's counts are recounted at most every 2 s, so a second
 * more is no loss; a reader's own change is read back at once (a write starts reads afresh).
 */
export const REFRESHED_VIEW_REUSE_MS = 1_000;
