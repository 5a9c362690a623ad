/**
 * Where a knowledge search's time went, for the `Server-Timing` header of a search response and
 * for the benchmark. Measured with `performance.now()` inside the Worker. In production workerd
 * advances that clock only when I/O completes (a Spectre mitigation), so there the D1 spans are
 * real and pure computation (analysis, rerank) reads as 0; local workerd (wrangler dev,
 * Miniflare) lets it advance, in whole milliseconds.
 */
import type { CandidateSource } from "../../db/repos/knowledge-candidates";

export interface SearchTiming {
  /** The whole search, ms. */
  total: number;
  /** Question analysis and MATCH expressions, ms. */
  analyze: number;
  /** The candidate statement's round trip to D1, ms. */
  candidates: number;
  /** Grouping and reranking the candidates, ms. */
  rerank: number;
  /** Embedding the question and querying Vectorize (production, unsure lexical top hit only), ms. */
  vector: number;
  /** Reading what the hits show (only when some were not cached), ms. */
  display: number;
  /** D1 statements run: 1 with every hit's display cached, else 2 (0 for a question with no terms). */
  statements: number;
  /** Which MATCH expression found the candidates. */
  source: CandidateSource;
  /** Candidate rows (phrasings and answers) read. */
  rows: number;
}

export function newTiming(): SearchTiming {
  return { total: 0, analyze: 0, candidates: 0, rerank: 0, vector: 0, display: 0, statements: 0, source: "none", rows: 0 };
}

const ms = (x: number) => Math.round(x * 100) / 100;

/** The `Server-Timing` header value of a search (durations in ms, as the header wants). */
export function serverTiming(t: SearchTiming): string {
  return [
    `search;dur=${ms(t.total)};desc="knowledge search, ${t.statements} D1 statement${t.statements === 1 ? "" : "s"}"`,
    `analyze;dur=${ms(t.analyze)}`,
    `candidates;dur=${ms(t.candidates)};desc="${t.source}, ${t.rows} rows"`,
    `rerank;dur=${ms(t.rerank)}`,
    ...(t.vector ? [`vector;dur=${ms(t.vector)}`] : []),
    `display;dur=${ms(t.display)}`,
  ].join(", ");
}
