// A status Linewatch worked out (a CME SIP phone has no status of its own) reads as such.
import { expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { RegistrationBadge, registrationLabel } from "./status-badge";
import { effectiveStatuses, registrationStatuses } from "@/lib/domain/status";

test("a derived status says how it was worked out; a reported one reads as before", () => {
  expect(renderToStaticMarkup(<RegistrationBadge status="registered" workedOut="from its address" />)).toContain(
    ">Registered, from its address<",
  );
  expect(renderToStaticMarkup(<RegistrationBadge status="unregistered" workedOut="no address" />)).toContain(
    ">Unregistered, no address<",
  );
  expect(renderToStaticMarkup(<RegistrationBadge status="registered" />)).toContain(">Registered<");
  expect(renderToStaticMarkup(<RegistrationBadge status="in-fallback" router="leeds-srst" />)).toContain(
    ">In fallback on leeds-srst<",
  );
});

test("configured cluster phones RisPort does not show read in words; a not-seen one says for how long", () => {
  expect(renderToStaticMarkup(<RegistrationBadge status="never-registered" />)).toContain(">Never registered<");
  expect(renderToStaticMarkup(<RegistrationBadge status="not-seen" />)).toContain(">Not seen<");
  const notSeen = renderToStaticMarkup(
    <RegistrationBadge status="not-seen" reason="Not seen by RisPort for 30 days" />,
  );
  expect(notSeen).toContain(">Not seen for 30 days<");
  expect(notSeen).toContain('title="Not seen by RisPort for 30 days"');
  expect(
    renderToStaticMarkup(<RegistrationBadge status="not-seen" reason="Not seen by RisPort for 1 day" />),
  ).toContain(">Not seen for 1 day<");
  // Another status keeps its own label whatever the reason.
  expect(renderToStaticMarkup(<RegistrationBadge status="unregistered" reason="Not seen for 3 days" />)).toContain(
    ">Unregistered<",
  );
});

test("every status the filters offer has a label of its own", () => {
  for (const status of [...registrationStatuses, ...effectiveStatuses])
    expect(registrationLabel(status), status).not.toBe(status);
});
