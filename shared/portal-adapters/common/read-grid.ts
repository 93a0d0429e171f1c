import { documentRoot, isHiddenElement, isHiddenWithin, titleBefore, visibleText } from "./dom-text.ts";

/**
 * A data table as the user sees it: leaf columns with their full header path (merged header cells
 * resolved: "Học kỳ I" over "TX1 TX2 ... TBm" gives ["Học kỳ I", "TX1"]), hidden columns removed,
 * and the visible, non-empty body rows. Works on <table> markup and on ExtJS-style grids (div
 * headers, one small table per row).
 */
export interface GridColumn {
  /** Header texts from the top header row down to the leaf (merged cells appear once). */
  path: string[];
  /** The path joined for messages: "Học kỳ I › TX1". */
  label: string;
  /** The leaf header cell's `data-cot` (vnEdu names its grade columns so), when it has one. */
  cot?: string;
}

export interface GridRow {
  /** 1-based position among the visible non-empty data rows (what the user counts). */
  rowNumber: number;
  /** One text per column; line breaks kept. */
  cells: string[];
  /** Absolute or relative hrefs of the links in the row, in order. */
  links: string[];
  /** The row element's id (vnEdu keys a sổ điểm row by the learner's code). */
  key?: string;
  /** The cell element under each column (HTML tables only), to read its inputs. */
  elements?: (Element | undefined)[];
}

export interface Grid {
  title: string;
  columns: GridColumn[];
  rows: GridRow[];
  /** The table or grid element (absent for a spreadsheet's sheet). */
  element?: Element;
}

interface Slot {
  cell: Element;
  text: string;
  hidden: boolean;
  header: boolean;
}

const MAX_SLOTS = 1_000_000;

function ownerTable(el: Element): Element | null {
  for (let e = el.parentElement; e; e = e.parentElement) if (e.tagName === "TABLE") return e;
  return null;
}

function span(el: Element, name: string): number {
  const n = Number.parseInt(el.getAttribute(name) ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 500) : 1;
}

function rowLinks(tr: Element): string[] {
  return Array.from(tr.querySelectorAll("a[href]"))
    .filter((a) => !isHiddenWithin(a, tr))
    .map((a) => a.getAttribute("href") ?? "")
    .filter((h) => h !== "" && !h.startsWith("#") && !/^javascript:/i.test(h));
}

/** Reads one <table>. Returns null for layout tables without a header row. */
export function readHtmlTable(table: Element): Grid | null {
  const trs = Array.from(table.querySelectorAll("tr")).filter((tr) => ownerTable(tr) === table);
  const inSection = (tr: Element, tag: string) => tr.parentElement?.tagName === tag;
  const hasThead = trs.some((tr) => inSection(tr, "THEAD"));

  // Lay the cells out on a matrix, honouring rowspan and colspan.
  const matrix: Slot[][] = [];
  const rowInfo: { tr: Element; header: boolean; hidden: boolean; foot: boolean }[] = [];
  let leadingHeader = !hasThead;
  let slots = 0;
  trs.forEach((tr, r) => {
    if (slots > MAX_SLOTS) return;
    const cells = Array.from(tr.children).filter((c) => c.tagName === "TD" || c.tagName === "TH");
    const allTh = cells.length > 0 && cells.every((c) => c.tagName === "TH");
    const header = hasThead ? inSection(tr, "THEAD") : leadingHeader && allTh;
    if (!hasThead && !allTh) leadingHeader = false;
    rowInfo.push({ tr, header, hidden: isHiddenWithin(tr, table), foot: inSection(tr, "TFOOT") });
    const row = (matrix[r] ??= []);
    let col = 0;
    for (const cell of cells) {
      while (row[col]) col++;
      const slot: Slot = {
        cell,
        text: visibleText(cell, !header),
        hidden: isHiddenElement(cell),
        header: cell.tagName === "TH" || header,
      };
      const rs = span(cell, "rowspan");
      const cs = span(cell, "colspan");
      slots += rs * cs;
      for (let dr = 0; dr < rs && r + dr < trs.length; dr++) {
        const target = (matrix[r + dr] ??= []);
        for (let dc = 0; dc < cs; dc++) target[col + dc] = slot;
      }
      col += cs;
    }
  });

  // A table this large is not a class's gradebook (and spans could make it explode).
  if (slots > MAX_SLOTS) return null;
  const headerRows = rowInfo.map((info, r) => (info.header ? r : -1)).filter((r) => r >= 0);
  if (headerRows.length === 0) return null;
  const width = Math.max(0, ...matrix.map((row) => row.length));

  const columns: GridColumn[] = [];
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    let hidden = false;
    let last: Slot | undefined;
    for (const r of headerRows) {
      const slot = matrix[r]?.[c];
      if (!slot || slot === last) continue;
      last = slot;
      if (slot.hidden) hidden = true;
      if (slot.text !== "") path.push(slot.text);
    }
    if (hidden || path.length === 0) continue;
    keep.push(c);
    const cot = last?.cell.getAttribute("data-cot");
    columns.push({ path, label: path.join(" › "), ...(cot ? { cot } : {}) });
  }

  const rows: GridRow[] = [];
  rowInfo.forEach((info, r) => {
    if (info.header || info.hidden || info.foot) return;
    const slots = matrix[r] ?? [];
    const distinct = new Set(keep.map((c) => slots[c]).filter((s) => s !== undefined));
    const cells = keep.map((c) => {
      const slot = slots[c];
      return slot && !slot.hidden ? slot.text : "";
    });
    if (cells.every((t) => t === "")) return; // spacer row
    if (distinct.size === 1 && keep.length > 1) return; // a section label spanning the whole table
    const key = info.tr.getAttribute("id");
    rows.push({
      rowNumber: rows.length + 1,
      cells,
      links: rowLinks(info.tr),
      ...(key ? { key } : {}),
      elements: keep.map((c) => slots[c]?.cell),
    });
  });

  return { title: titleBefore(table), columns, rows, element: table };
}

/**
 * Reads an ExtJS-style grid: `.x-column-header` leaves (grouped under `.x-group-header`), rows as
 * `.x-grid-row` with `.x-grid-cell` cells in header order.
 */
export function readExtGrid(grid: Element): Grid | null {
  const headers = Array.from(grid.querySelectorAll(".x-column-header")).filter(
    (h) => h.querySelector(".x-column-header") === null,
  );
  if (headers.length === 0) return null;
  const columns: (GridColumn | null)[] = headers.map((h) => {
    if (isHiddenWithin(h, grid)) return null;
    const path: string[] = [];
    for (let e: Element | null = h; e && e !== grid; e = e.parentElement) {
      if (!e.classList.contains("x-column-header")) continue;
      const textEl = Array.from(e.children).find((c) => c.classList.contains("x-column-header-text")) ?? e;
      const text = visibleText(textEl);
      if (text) path.unshift(text);
    }
    return path.length > 0 ? { path, label: path.join(" › ") } : null;
  });
  const rows: GridRow[] = [];
  for (const tr of Array.from(grid.querySelectorAll(".x-grid-row"))) {
    if (isHiddenWithin(tr, grid)) continue;
    const cells = Array.from(tr.querySelectorAll(".x-grid-cell"));
    const texts = columns
      .map((col, i) => {
        const cell = cells[i];
        return col === null ? null : cell && !isHiddenElement(cell) ? visibleText(cell, true) : "";
      })
      .filter((t): t is string => t !== null);
    if (texts.every((t) => t === "")) continue;
    rows.push({ rowNumber: rows.length + 1, cells: texts, links: rowLinks(tr) });
  }
  const title =
    visibleText(
      grid.querySelector(".x-panel-header-text, .x-grid-title") ?? grid.ownerDocument.createElement("i"),
    ) || titleBefore(grid);
  return { title, columns: columns.filter((c): c is GridColumn => c !== null), rows, element: grid };
}

/** Every visible data grid of the document, in document order. */
export function readGrids(doc: Document): Grid[] {
  const grids: Grid[] = [];
  const root = documentRoot(doc);
  if (!root) return grids;
  for (const el of Array.from(root.querySelectorAll("table, .x-grid"))) {
    if (isHiddenWithin(el, null)) continue;
    if (el.tagName === "TABLE") {
      if (el.closest(".x-grid")) continue; // row tables of an ExtJS grid
      const grid = readHtmlTable(el);
      if (grid) grids.push(grid);
    } else {
      const grid = readExtGrid(el);
      if (grid) grids.push(grid);
    }
  }
  return grids;
}
