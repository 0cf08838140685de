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
