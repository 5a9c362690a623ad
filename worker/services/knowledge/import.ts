/**
 * Bulk import and export. The console uploads a large file in chunks (e.g. 500 rows), each with
 * the number of its first row, and shows progress from the answers: every bad row comes back with
 * its row number, field and message, and the good rows of the chunk are stored anyway (or only
 * checked, with `dryRun`). A row with the id of one of the shop's articles updates it.
 */
import { DomainError } from "../../../core/domain/errors";
import { ImportRow, KB_LIMITS } from "../../../core/protocol/knowledge";
import { parseInput } from "../../../core/protocol/validate";
import type { ImportResult, RowError } from "../../../core/protocol/knowledge";
import { database } from "../../db/client";
import { allArticles, articleOwners, writeArticles, type ArticleRow, type ArticleWrite } from "../../db/repos/knowledge";
import { toWrite, embedPhrasings, type Author } from "./articles";
import { articlesToCsv, csvRows, decodeCsv } from "./csv";
import type { SearchEnv } from "./search";
import { phrasingsOf } from "./vector";
import { knowledgeChanged } from "./answer-cache";

export type { ImportResult, RowError } from "../../../core/protocol/knowledge";

export interface ImportOptions {
  firstRow: number;
  dryRun: boolean;
  author: Author;
}

interface Checked {
  writes: ArticleWrite[];
  updates: string[];
  errors: RowError[];
}

/** Validates every row; an id must be new or one of this shop's articles, and once per chunk. */
async function checkRows(env: SearchEnv, shopId: string, rows: unknown[], opts: ImportOptions): Promise<Checked> {
  const parsed = rows.map((row) => parseInput(ImportRow, row));
  const ids = parsed.flatMap((p) => (p.ok && p.value.id ? [p.value.id] : []));
  const owners = await articleOwners(database(env.DB), ids);
  const out: Checked = { writes: [], updates: [], errors: [] };
  const seen = new Set<string>();
  parsed.forEach((p, i) => {
    const row = opts.firstRow + i;
    if (!p.ok) return out.errors.push(...p.issues.map((issue) => ({ row, field: issue.field, message: issue.message })));
    const { id, ...input } = p.value;
    const owner = id ? owners.get(id) : undefined;
    if (id && ((owner && owner.shopId !== shopId) || seen.has(id))) {
      return out.errors.push({ row, field: "id", message: seen.has(id) ? "appears twice in this upload" : "belongs to no article of this shop" });
    }
    if (id) seen.add(id);
    if (owner) out.updates.push(id!);
    out.writes.push(toWrite(shopId, id ?? crypto.randomUUID(), input, opts.author, owner?.createdAt, owner ? owner.createdBy : opts.author.by));
  });
  return out;
}

/** Imports one chunk of rows (parsed JSON rows, or CSV records turned into the same shape). */
export async function importArticles(env: SearchEnv, shopId: string, rows: unknown[], opts: ImportOptions): Promise<ImportResult> {
  if (rows.length > KB_LIMITS.importRowsMax) {
    throw new DomainError("payload_too_large", `at most ${KB_LIMITS.importRowsMax} rows per request: upload in chunks, each with firstRow set to its first row's number`);
  }
  const checked = await checkRows(env, shopId, rows, opts);
  if (!opts.dryRun && checked.writes.length) {
    await writeArticles(database(env.DB), checked.writes, checked.updates);
    knowledgeChanged(shopId);
    await embedPhrasings(env, checked.writes.flatMap(phrasingsOf), opts.author.now);
  }
  const failedRows = new Set(checked.errors.map((e) => e.row)).size;
  return {
    firstRow: opts.firstRow,
    received: rows.length,
    created: checked.writes.length - checked.updates.length,
    updated: checked.updates.length,
    failed: failedRows,
    dryRun: opts.dryRun,
    errors: checked.errors,
  };
}

/** An uploaded chunk: CSV bytes, or a JSON array of rows (or `{ rows: [...] }`). */
export type Upload = { format: "csv"; bytes: Uint8Array } | { format: "json"; json: unknown };

function jsonRows(json: unknown): unknown[] {
  const rows = Array.isArray(json) ? json : (json as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new DomainError("invalid_input", "body: must be a JSON array of rows, or { \"rows\": [...] }");
  return rows;
}

/** Imports an uploaded chunk; a CSV that was saved as GBK is decoded and the answer says so. */
export async function importUpload(env: SearchEnv, shopId: string, upload: Upload, opts: ImportOptions): Promise<ImportResult & { encoding?: string; notice?: string }> {
  if (upload.format === "json") return importArticles(env, shopId, jsonRows(upload.json), opts);
  if (upload.bytes.byteLength > KB_LIMITS.importBytesMax) throw new DomainError("payload_too_large", `at most ${KB_LIMITS.importBytesMax} bytes per upload: send the file in chunks`);
  const decoded = decodeCsv(upload.bytes);
  const result = await importArticles(env, shopId, csvRows(decoded.text), opts);
  if (decoded.encoding === "utf-8") return { ...result, encoding: "utf-8" };
  return { ...result, encoding: decoded.encoding, notice: "the file was not UTF-8; it was read as GBK (Excel's default on Chinese Windows). Check the imported text; saving as \"CSV UTF-8\" avoids this." };
}

/** JSON export: the rows an import accepts back (ids kept, so re-importing updates). */
export function exportRows(articles: ArticleRow[]) {
  return articles.map((a) => ({
    id: a.id, kind: a.kind, status: a.status, question: a.question, altQuestions: a.altQuestions, answer: a.answer, tags: a.tags,
    category: a.category, productId: a.productId, validFrom: a.validFrom, validTo: a.validTo,
    counters: { shown: a.shownCount, helpful: a.helpfulCount, notHelpful: a.notHelpfulCount },
  }));
}

/** The shop's whole knowledge base as a CSV or JSON document. */
export async function exportArticles(env: SearchEnv, shopId: string, format: "csv" | "json"): Promise<string> {
  const articles = await allArticles(database(env.DB), shopId);
  return format === "csv" ? articlesToCsv(articles) : JSON.stringify({ shopId, articles: exportRows(articles) });
}
