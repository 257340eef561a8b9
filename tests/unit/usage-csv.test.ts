// The usage dashboard's CSV: names (of users and teams, which users choose) can never become a spreadsheet formula.
import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/usage-limits/usage-report";

describe("csvCell", () => {
  it("keeps plain names and numbers as they are", () => {
    expect(csvCell("Research")).toBe("Research");
    expect(csvCell(1234)).toBe("1234");
  });

  it("quotes commas, quotes and line breaks, a lone carriage return included", () => {
    expect(csvCell('Ops, "night"')).toBe('"Ops, ""night"""');
    expect(csvCell("Ops\n=1+2")).toBe('"Ops\n=1+2"');
    expect(csvCell("Ops\r=1+2")).toBe('"Ops\r=1+2"');
  });

  it("defuses a formula at the start of a cell, also behind a tab or a carriage return", () => {
    expect(csvCell("=cmd|'/c calc'!A1")).toBe("'=cmd|'/c calc'!A1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1+2")).toBe("'\t=1+2");
    expect(csvCell("\r=1+2")).toBe('"\'\r=1+2"');
  });
});
