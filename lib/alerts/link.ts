// The link a notification carries: the Alerts page at the public URL (NEXTAUTH_URL), else localhost.
import { env } from "@/lib/env";

export function alertsLink(): string {
  const base = env().nextAuthUrl ?? `http://localhost:${env().port}`;
  return new URL("/alerts", base).toString();
}
