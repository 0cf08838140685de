// Messages between the reliability run and its simulator process, which holds the simulated
// routers and clusters so the run's own memory, sockets and event loop are Linewatch's alone.

export interface RouterPlan {
  user: string;
  password: string;
  seed: number;
  ephones: number;
  pools: number;
  dialect: "2008" | "2010";
}

export interface ClusterPlan {
  user: string;
  password: string;
  seed: number;
  nodes: number;
  devices: number;
  budgetPerMinute: number;
  replyCap: number;
}

export interface FleetPlan {
  routers: RouterPlan[];
  clusters: ClusterPlan[];
  /** Registration churn: a router flips a phone, a cluster a small share of its devices. */
  churnEveryMs: number;
}

export interface ClusterCounts {
  total: number;
  byOutcome: Record<string, number>;
  /** Most requests the cluster accepted in any 60 s. */
  mostAcceptedPerMinute: number;
}

export interface FleetCounts {
  /** Requests each router received, in plan order. */
  routers: number[];
  clusters: ClusterCounts[];
}

export type ToFleet = { type: "start"; plan: FleetPlan } | { type: "counts"; id: number } | { type: "close" };

export type FromFleet =
  | { type: "ready"; routerUrls: string[]; clusterUrls: string[][] }
  | { type: "counts"; id: number; counts: FleetCounts }
  | { type: "error"; message: string }
  | { type: "closed" };
