/**
 * CSV import and export columns, and a CSV record turned into the shape of a JSON import row, so
 * both formats are validated by the one `ImportRow` schema and fail with the same field names.
 * Cells stay strings where the schema converts them (dates); lists are split here.
 */

/** Columns of an export, in order; an import accepts them in any order. */
export const CSV_COLUMNS = ["id", "kind", "status", "question", "altQuestions", "answer", "tags", "category", "productId", "validFrom", "validTo"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Header spellings people type: any case, snake_case or spaces, and the console's Chinese labels. */
const ALIASES: Record<string, CsvColumn> = {
  ...Object.fromEntries(CSV_COLUMNS.map((c) => [c.toLowerCase(), c])),
  phrasings: "altQuestions", alternatives: "altQuestions", 相似问法: "altQuestions", 问题: "question", 答案: "answer",
  类型: "kind", 状态: "status", 标签: "tags", 分类: "category", 商品: "productId", 生效时间: "validFrom", 失效时间: "validTo",
};

/** The column a header cell names, or null for a column we ignore. */
export function columnOf(header: string): CsvColumn | null {
  return ALIASES[header.trim().toLowerCase().replace(/[\s_-]/g, "")] ?? null;
}

/** Phrasings in a cell: one per line (or separated by '|'). */
export function splitPhrasings(cell: string): string[] {
  return cell.split(/\r?\n|\|/).map((s) => s.trim()).filter(Boolean);
}

/** Tags in a cell: separated by commas (ASCII or Chinese), '、' or '|'. */
export function splitTags(cell: string): string[] {
  return cell.split(/[,，、|]/).map((s) => s.trim()).filter(Boolean);
}

/** A CSV record (cells under their columns) as an import row; empty cells are left out. */
export function recordToRow(columns: (CsvColumn | null)[], cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    // An apostrophe before = + - @ is how export defuses formulas; the text is what follows.
    const cell = (cells[i] ?? "").trim().replace(/^'(?=[=+\-@])/, "");
    if (!column || cell === "") return;
    if (column === "altQuestions") row[column] = splitPhrasings(cell);
    else if (column === "tags") row[column] = splitTags(cell);
    else if ((column === "validFrom" || column === "validTo") && /^\d+$/.test(cell)) row[column] = Number(cell);
    else row[column] = cell;
  });
  return row;
}

/** An article as CSV cells, in `CSV_COLUMNS` order (phrasings one per line, dates ISO 8601). */
export function rowToRecord(a: { id: string; kind: string; status: string; question: string; altQuestions: string[]; answer: string; tags: string[]; category: string | null; productId: string | null; validFrom: number | null; validTo: number | null }): string[] {
  const iso = (t: number | null) => (t === null ? "" : new Date(t).toISOString());
  return [a.id, a.kind, a.status, a.question, a.altQuestions.join("\n"), a.answer, a.tags.join(","), a.category ?? "", a.productId ?? "", iso(a.validFrom), iso(a.validTo)];
}
