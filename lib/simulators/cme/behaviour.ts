// How the simulated router departs from the seed in ways Cisco's newer guides (2010 SRST 8.5+,
// 2022 CME) and large real routers do: where SIP selectors go, cut `all` replies, how event ids are
// read, and refusing the methods the newer guide no longer lists. Switchable while the router runs.
import { z } from "zod";
import { CME_METHODS_DROPPED_IN_2022 } from "@/lib/domain/cme-methods";

/** What the newer form does with ISPoolID/ISPoolName/ISVoiceReg* inside ISgetDevice/ISgetExtension. */
export const SIP_IN_SCCP_METHODS = ["ignore", "fault"] as const;
/** What an allTag reply looks like while `cutAllAbove` is set (the documents never show one). */
export const TAG_LIST_SHAPES = ["documented", "unexpected"] as const;
/** ISDevEvtID / ISExtEvtID: "from this id on" (inclusive) or "exactly this event". */
export const EVENT_ID_READINGS = ["from", "exact"] as const;
/** How a refused method answers: an ISError element, a SOAP fault, or an empty <response>. */
export const REFUSALS = ["ISError", "fault", "empty"] as const;
/** The methods the newer guide no longer lists. */
export const DROPPED_METHODS = CME_METHODS_DROPPED_IN_2022;

export const behaviourSchema = z.object({
  sipInSccpMethods: z.enum(SIP_IN_SCCP_METHODS).default("ignore"),
  /** An `all` reply with more full entities than this comes back cut (null: never). */
  cutAllAbove: z.number().int().min(0).nullable().default(null),
  tagListShape: z.enum(TAG_LIST_SHAPES).default("documented"),
  eventIdReading: z.enum(EVENT_ID_READINGS).default("from"),
  refuse: z.array(z.enum(DROPPED_METHODS)).default([]),
  refusal: z.enum(REFUSALS).default("ISError"),
});
export type RouterBehaviour = z.output<typeof behaviourSchema>;
export type RouterBehaviourInput = z.input<typeof behaviourSchema>;
