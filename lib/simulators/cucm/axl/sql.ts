// executeSQLQuery, limited to the statements Linewatch sends: the text is compared after
// collapsing whitespace, lower-casing and taking out a leading `skip <n> first <m>` (Informix
// paging, applied to the rows in the statement's order). Anything else is refused.
import type { ClusterState } from "../state";
import { className, configuredDevices, modelName, protocolName } from "./inventory";

export type SqlRow = Record<string, string | null>;

/** Statement A without its paging: configured devices with their lines, one row per device line. */
export const deviceLinesStatement =
  "select d.name, d.description, tm.name as model, tc.name as class, tp.name as protocol, dp.name as devicepool, " +
  "lo.name as location, eu.userid as owner, m.numplanindex as lineindex, n.dnorpattern as dn from device d " +
  "join typemodel tm on d.tkmodel = tm.enum join typeclass tc on d.tkclass = tc.enum " +
  "join typedeviceprotocol tp on d.tkdeviceprotocol = tp.enum left join devicepool dp on d.fkdevicepool = dp.pkid " +
  "left join location lo on d.fklocation = lo.pkid left join enduser eu on d.fkenduser = eu.pkid " +
  "left join devicenumplanmap m on m.fkdevice = d.pkid left join numplan n on m.fknumplan = n.pkid " +
  "order by d.name, m.numplanindex";

/** Statement B. */
export const deviceCountStatement = "select count(*) from device";

export const refusedStatementMessage = "Cannot execute query: only the statements Linewatch sends are simulated";

export interface ParsedStatement {
  statement: string;
  skip: number;
  first: number | undefined;
}

/** Normalises a statement and takes its paging out; undefined when it is not a select. */
export function parseStatement(sql: string): ParsedStatement | undefined {
  const normal = sql.replace(/\s+/g, " ").trim().toLowerCase();
  const match = /^select (?:skip (\d+) )?(?:first (\d+) )?(.*)$/.exec(normal);
  if (!match) return undefined;
  return {
    statement: `select ${match[3]}`,
    skip: match[1] === undefined ? 0 : Number(match[1]),
    first: match[2] === undefined ? undefined : Number(match[2]),
  };
}

function deviceLineRows(state: ClusterState): SqlRow[] {
  const rows: SqlRow[] = [];
  for (const device of configuredDevices(state)) {
    const common = {
      name: device.name,
      description: device.description,
      model: modelName(device),
      class: className(device),
      protocol: protocolName(device),
      devicepool: device.devicePool,
      location: device.location,
      owner: device.owner,
    };
    if (device.lines.length === 0) rows.push({ ...common, lineindex: null, dn: null });
    device.lines.forEach((line, index) => rows.push({ ...common, lineindex: String(index + 1), dn: line }));
  }
  return rows;
}

/** All rows a known statement matches, before paging; undefined for a statement not simulated. */
export function runStatement(state: ClusterState, statement: string): SqlRow[] | undefined {
  if (statement === deviceLinesStatement) return deviceLineRows(state);
  if (statement === deviceCountStatement) return [{ count: String(state.deviceCount) }];
  return undefined;
}
