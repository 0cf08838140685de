// The only SQL Linewatch sends to a cluster, fixed here and never built from user input: AXL's
// executeSQLQuery runs it read-only, one query for what would take a getPhone per device.
// Informix pages with `SKIP n FIRST m` right after SELECT.

/** Every configured device with its class, model, protocol, pool, location, owner and lines (one row per line). */
const CONFIGURED_DEVICES =
  "d.name, d.description, tm.name as model, tc.name as class, tp.name as protocol, dp.name as devicepool, lo.name as location, eu.userid as owner, m.numplanindex as lineindex, n.dnorpattern as dn from device d join typemodel tm on d.tkmodel = tm.enum join typeclass tc on d.tkclass = tc.enum join typedeviceprotocol tp on d.tkdeviceprotocol = tp.enum left join devicepool dp on d.fkdevicepool = dp.pkid left join location lo on d.fklocation = lo.pkid left join enduser eu on d.fkenduser = eu.pkid left join devicenumplanmap m on m.fkdevice = d.pkid left join numplan n on m.fknumplan = n.pkid order by d.name, m.numplanindex";

function page(skip: number, first: number): string {
  if (!Number.isSafeInteger(skip) || skip < 0 || !Number.isSafeInteger(first) || first < 1)
    throw new RangeError("skip and first must be whole numbers (first at least 1)");
  return `skip ${skip} first ${first}`;
}

export const configuredDevicesSql = (skip: number, first: number) =>
  `select ${page(skip, first)} ${CONFIGURED_DEVICES}`;
