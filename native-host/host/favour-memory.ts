import v8 from "node:v8";

/**
 * Asks V8 to favour memory over speed for the rest of this process (--optimize-for-size): a
 * smaller young generation and a heap that is collected before it grows. The helper stays open for
 * the browser session, and V8's defaults (sized for servers) let both of its heaps, the helper's
 * and the document worker's, grow by a dozen MB with every sign-batch request even though nothing
 * is kept: signing 2,000 documents in 4 requests peaked at 272 MB (Node 22, the package) and 274 MB
 * (Node 20); with this, under 200 MB, without a measurable cost in signing time (the token and the
 * XML work dominate). V8's flags are process-wide, so the worker started afterwards has it too.
 */
export function favourMemory(): void {
  v8.setFlagsFromString("--optimize-for-size");
}
