// Server-renders the pager: an exact total gives the page count and a last page; a total that is
// only a lower bound (a search counted so far) reads "1,000+" and keeps the next page open.
import { describe, expect, test } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { Pager } from "./table-kit";

const render = (props: { page: number; total: number; totalAtLeast?: boolean }) =>
  renderToStaticMarkup(<Pager label="Phone pages" pageSize={50} noun="phones" onPage={() => {}} {...props} />);
const button = (html: string, name: string) => html.match(new RegExp(`<button[^>]*>${name}</button>`))?.[0] ?? "";

describe("pager", () => {
  test("an exact total: page count, total, and the last page ends the list", () => {
    const html = render({ page: 3, total: 120 });
    expect(html).toContain("Page 3 of 3 · 120 phones");
    expect(button(html, "Next page")).toContain('disabled=""');
    expect(button(html, "Last page")).toContain('disabled=""');
  });

  test("a total that is at least so many: marked with +, next page open, no last page", () => {
    const html = render({ page: 20, total: 1000, totalAtLeast: true });
    expect(html).toContain("Page 20 of 20+ · 1,000+ phones");
    expect(button(html, "Next page")).not.toContain('disabled=""');
    expect(button(html, "Last page")).toContain('disabled=""');
    expect(button(render({ page: 1, total: 1000, totalAtLeast: true }), "Next page")).not.toContain('disabled=""');
  });
});
