// Model numbers in words. The table is data (models.json: CUCM's typemodel rows, from the seed
// document and later releases) so a new release's models are a line of JSON, not code.
import table from "./models.json";
import { isSoftClientModel } from "@/lib/domain/device-classes";

const modelNames: ReadonlyMap<number, string> = new Map(
  Object.entries(table.models).map(([code, name]) => [Number(code), name]),
);

export type DeviceModel = { code: number; name: string };

/** 255 means "any model" in a request and "Unknown" in a reply. */
export const ANY_MODEL = 255;

/**
 * A number the table does not know reads "Model 36216": CUCM adds models with every release, and
 * the raw number is what an admin looks up in the cluster's typemodel table.
 */
export function describeModel(code: number): DeviceModel {
  return { code, name: modelNames.get(code) ?? `Model ${code}` };
}

/** Every model the table names, for pickers and tests. */
export function knownModels(): DeviceModel[] {
  return [...modelNames].map(([code, name]) => ({ code, name }));
}

/**
 * The soft clients' model names (Jabber CSF, BOT, TCT, TAB, IP Communicator…): what "desk phones"
 * leave out and "soft clients" take, as a filter on the stored model name.
 */
export const softClientModelNames = (): readonly string[] => softClients;
const softClients = [...modelNames.values()].filter(isSoftClientModel).sort();
