import { describe, expect, it } from "vitest";
import type { ConversationSummary } from "@/app/_components/api/types";
import { type ConversationPage, groupByDate, insertItem } from "@/app/_components/history/conversation-list-state";
import { createTranslator } from "@/app/_i18n/translator";

function item(id: string, updatedAt: Date, pinnedAt: string | null = null): ConversationSummary {
  return { id, title: id, updatedAt: updatedAt.toISOString(), pinnedAt };
}

describe("grouping the sidebar by date", () => {
  it("uses Today, Yesterday, Previous 7 and 30 days, then months, by the local calendar", () => {
    const now = new Date(2026, 10, 28, 9, 30);
    const items = [
      item("this-morning", new Date(2026, 10, 28, 0, 5)),
      item("last-night", new Date(2026, 10, 27, 23, 55)),
      item("three-days", new Date(2026, 10, 25, 12)),
      item("two-weeks", new Date(2026, 10, 14, 12)),
      item("october", new Date(2026, 9, 2, 12)),
      item("last-year", new Date(2025, 10, 30, 12)),
    ];
    const groups = groupByDate(items, now, createTranslator("en"));
    expect(groups.map((group) => [group.label, group.items.map((each) => each.id)])).toEqual([
      ["Today", ["this-morning"]],
      ["Yesterday", ["last-night"]],
      ["Previous 7 days", ["three-days"]],
      ["Previous 30 days", ["two-weeks"]],
      ["October 2026", ["october"]],
      ["November 2025", ["last-year"]],
    ]);
  });
});

describe("putting back an undone delete", () => {
  const page: ConversationPage = {
    pinned: [],
    items: [item("newest", new Date(2026, 10, 28)), item("oldest", new Date(2026, 10, 20))],
    nextCursor: null,
  };

  it("goes where the server's order has it", () => {
    const restored = insertItem(page, item("middle", new Date(2026, 10, 25)));
    expect(restored.items.map((each) => each.id)).toEqual(["newest", "middle", "oldest"]);
  });

  it("waits for a later page when it is older than everything loaded", () => {
    const restored = insertItem({ ...page, nextCursor: "more" }, item("ancient", new Date(2020, 0, 1)));
    expect(restored.items.map((each) => each.id)).toEqual(["newest", "oldest"]);
  });

  it("joins the pinned group when it was pinned", () => {
    const restored = insertItem(page, item("pinned", new Date(2020, 0, 1), "2026-11-28T08:00:00.000Z"));
    expect(restored.pinned.map((each) => each.id)).toEqual(["pinned"]);
    expect(restored.items).toHaveLength(2);
  });
});
