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

/**
 * Polls a source now, waiting out a scheduled poll that holds it (a skipped answer). A keep-alive
 * socket the server closed just as the request went out resets; it is asked again.
 */
export async function pollNow(request: APIRequestContext, origin: string, namePrefix: string): Promise<void> {
  const source = await sourceUrl(request, namePrefix);
  await expect
    .poll(
      async () => {
        const answer = await request
          .post(`/api/v1/sources/${source.id}/poll`, { headers: { origin } })
          .catch((error: Error) => error);
        return answer instanceof Error ? `request failed: ${answer.message}` : (await answer.json()).status;
      },
      { timeout: 150_000, intervals: [2_000, 5_000] },
    )
    .toMatch(/^(ok|partial)$/);
}

export async function simControl<T>(
  request: APIRequestContext,
  simUrl: string,
  body: Record<string, unknown>,
): Promise<T> {
  const response = await request.post(`${simUrl}/__sim/control`, { data: body });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: T }).result;
}
