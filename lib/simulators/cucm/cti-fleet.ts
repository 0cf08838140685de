// Seeded CTI applications (contact-centre JTAPI users, attendant consoles, recorders) that open
// providers on a node's CTIManager and control CTI ports, route points and desk phones.
import { z } from "zod";
import { seededRandom } from "./random";
import type { CtiApplication, SimDevice } from "./types";
import { ctiStatusSchema, type CtiStatus } from "./vocabulary";

export const ctiApplicationSpecSchema = z.object({
  userId: z.string().min(1),
  ipv4: z.string().min(1),
  ipv6: z.string().nullable().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  node: z.string().min(1).optional(),
  status: ctiStatusSchema.optional(),
  /** Devices the application controls; each device brings its lines. */
  deviceNames: z.array(z.string().min(1)).default([]),
});
export type CtiApplicationSpec = z.input<typeof ctiApplicationSpecSchema>;

const appUsers = ["jtapi_uccx", "jtapi_cuic", "cuac_console", "recorder_app", "ivr_jtapi", "tapi_crm"];

/** The reason code an application or line reports for a status (0 when all is well). */
function reasonFor(status: CtiStatus): number {
  return status === "Open" ? 0 : status === "Closed" ? 2 : status === "OpenFailed" ? 4 : 1;
}

export function buildCtiApplication(
  input: CtiApplicationSpec,
  devicesByName: ReadonlyMap<string, SimDevice>,
  nodeNames: readonly string[],
  nowSeconds: number,
): CtiApplication {
  const spec = ctiApplicationSpecSchema.parse(input);
  const random = seededRandom(`cti:${spec.userId}:${spec.ipv4}`);
  const status = spec.status ?? "Open";
  const port = spec.port ?? random.int(1024, 65000);
  const appTimeStamp = nowSeconds - random.int(60, 86_400);
  return {
    appId: `${spec.userId}-${spec.ipv4}-${port}`,
    userId: spec.userId,
    ipv4: spec.ipv4,
    ipv6: spec.ipv6 ?? null,
    node: spec.node ?? random.pick(nodeNames),
    status,
    statusReason: reasonFor(status),
    timeStamp: appTimeStamp,
    devices: spec.deviceNames.map((deviceName) => {
      const device = devicesByName.get(deviceName.toUpperCase());
      // A device the application cannot open (unregistered, or unknown to the cluster) fails to open.
      const deviceStatus: CtiStatus =
        status !== "Open" ? "Closed" : device && device.status === "Registered" ? "Open" : "OpenFailed";
      return {
        deviceName: device?.name ?? deviceName,
        appControlsMedia: device?.model === 72 || device?.model === 73,
        status: deviceStatus,
        statusReason: deviceStatus === "Open" ? null : reasonFor(deviceStatus),
        timeStamp: deviceStatus === "Open" ? null : appTimeStamp,
        lines: (device?.lines ?? []).map((dirNumber) => ({
          dirNumber,
          status: deviceStatus,
          statusReason: reasonFor(deviceStatus),
          timeStamp: appTimeStamp,
        })),
      };
    }),
  };
}

/** Generates `count` applications over the fleet's CTI-controllable devices. */
export function generateCtiApplications(
  count: number,
  seed: number | string,
  devices: readonly SimDevice[],
  nodeNames: readonly string[],
  nowSeconds: number,
): CtiApplication[] {
  const random = seededRandom(`cti-fleet:${seed}`);
  const byName = new Map(devices.map((device) => [device.name.toUpperCase(), device]));
  const ctiDevices = devices.filter((device) => device.deviceClass === "Cti");
  const phones = devices.filter((device) => device.deviceClass === "Phone" && device.isCtiControllable);
  const applications: CtiApplication[] = [];
  for (let index = 0; index < count; index++) {
    const userId = appUsers[index % appUsers.length] as string;
    const controlled = new Set<string>();
    const deviceCount = random.int(1, 6);
    for (let pick = 0; pick < deviceCount; pick++) {
      const pool = index % 2 === 0 && ctiDevices.length > 0 ? ctiDevices : phones;
      if (pool.length > 0) controlled.add(random.pick(pool).name);
    }
    const roll = random.next();
    applications.push(
      buildCtiApplication(
        {
          userId,
          ipv4: `10.200.${Math.floor(index / 250)}.${(index % 250) + 1}`,
          ipv6: random.chance(0.2) ? `2001:db8:cafe::${(index + 1).toString(16)}` : null,
          status: roll < 0.75 ? "Open" : roll < 0.9 ? "Closed" : "OpenFailed",
          deviceNames: [...controlled],
        },
        byName,
        nodeNames,
        nowSeconds,
      ),
    );
  }
  return applications;
}
