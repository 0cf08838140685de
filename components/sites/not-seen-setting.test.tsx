// The not-seen threshold reads as one sentence: admins change the number in it, others read it.
import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NotSeenSetting } from "./not-seen-setting";
import { siteKeys } from "./keys";
import type { NotSeenDaysSetting } from "./api";

const render = (canManage: boolean, setting?: NotSeenDaysSetting) => {
  const client = new QueryClient();
  if (setting) client.setQueryData(siteKeys.notSeenDays(), setting);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <NotSeenSetting canManage={canManage} />
    </QueryClientProvider>,
  );
};

test("admins get a labelled number field and a save button; others read the sentence", () => {
  const admin = render(true, { days: 30, defaultDays: 30 });
  expect(admin).toMatch(/<label for="[^"]+">A configured cluster phone RisPort has not seen for<\/label>/);
  expect(admin).toMatch(/<input id="[^"]+" type="number"[^>]*min="1" max="365"/);
  expect(admin).toContain(">Save days<");
  expect(admin).toContain('value="30"');
  expect(admin).toContain("days reads “not seen for N days”.");
  const viewer = render(false, { days: 45, defaultDays: 30 });
  expect(viewer).toContain("has not seen for <strong>45</strong> days reads “not seen for 45 days”");
  expect(viewer).not.toContain("<input");
  expect(viewer).toContain("Default: 30 days.");
});

test("nothing shows before the setting is read", () => {
  expect(render(true)).toBe("");
});
