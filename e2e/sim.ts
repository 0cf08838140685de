// Reads and steers the demo fleet's simulators through their control endpoint (enabled for e2e).
import { expect, type APIRequestContext } from "@playwright/test";

export async function sourceUrl(request: APIRequestContext, namePrefix: string): Promise<{ id: string; url: string }> {
  const response = await request.get("/api/v1/sources");
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { id: string; name: string; urls: string[] }[] };
  const source = items.find((s) => s.name.startsWith(namePrefix));
  expect(source, `source ${namePrefix}`).toBeDefined();
  return { id: source!.id, url: source!.urls[0]! };
}

export async function simControl<T>(request: APIRequestContext, simUrl: string, body: Record<string, unknown>): Promise<T> {
  const response = await request.post(`${simUrl}/__sim/control`, { data: body });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: T }).result;
}
