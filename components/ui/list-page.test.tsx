// The shared list shell keeps what Playwright and screen readers find: the section named by its
// heading, the error as an alert, the refresh hint's live region, and the slots in a fixed order.
import { describe, expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { ListPage } from "./list-page";

describe("ListPage", () => {
  test("a heading labels the section; the parts come in order: filters, hint and actions, error, table, empty, loading, pager", () => {
    const html = renderToStaticMarkup(
      <ListPage
        heading="People"
        headingId="people"
        filters={<form>filters</form>}
        fetching
        actions={<a href="/x.csv">Export CSV</a>}
        error={{ message: "Broken" }}
        empty="Nothing here."
        loading="Loading…"
        pager={<nav>pages</nav>}
      >
        <table />
      </ListPage>,
    );
    expect(html).toMatch(/^<section aria-labelledby="people"[^>]*><h2 id="people"[^>]*>People<\/h2>/);
    const order = [
      "<form>",
      "Updating…",
      "Export CSV",
      'role="alert"',
      "Broken",
      "<table>",
      "Nothing here.",
      "Loading…",
      "<nav>",
    ].map((part) => html.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test("without a heading, error, empty or loading line, none of them is drawn", () => {
    const html = renderToStaticMarkup(
      <ListPage error={null} empty={false} loading={false}>
        <table />
      </ListPage>,
    );
    expect(html).toBe('<div class="flex flex-col gap-3"><table></table></div>');
  });

  test("the refresh hint stands alone without actions and is left out when the list does not refetch", () => {
    expect(renderToStaticMarkup(<ListPage fetching={false} />)).toContain('<p aria-live="polite"');
    expect(renderToStaticMarkup(<ListPage />)).not.toContain("aria-live");
  });
});
