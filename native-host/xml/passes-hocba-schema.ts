import { HOCBASO_XSD } from "../../shared/xml/hocbaso-v1/schema-files.generated.ts";
import { parseHocBaXml } from "../xmldsig/parse-hocba-xml.ts";
import { XMLNS_NS, type TreeElement } from "../xmldsig/xml-tree.ts";

/*
 * A fast first pass of the XSD over a parsed tree, so that a valid document does not pay for
 * libxml2 (a third of a verification). It is compiled from the bundled schema itself (no second
 * copy of the format to keep in step) and is conservative: `true` only when libxml2 would accept
 * the element too, every construct checked as strictly as the XSD or more. `false` means "not
 * known here": the caller then asks libxml2, whose findings the user sees. The schema's
 * constructs this does not know make the compilation throw (a test compiles it), and a reference
 * to another schema's element (ds:Signature) is never accepted here.
 */

const XS = "http://www.w3.org/2001/XMLSchema";

type ValueCheck = (value: string) => boolean;

interface SimpleType {
  kind: "simple";
  check: ValueCheck;
}
interface ComplexType {
  kind: "complex";
  content: Particle | undefined;
  attributes: ReadonlyMap<string, { required: boolean; check: ValueCheck }>;
  /** How many of them are required. */
  required: number;
}
/** An element of another schema (ds:Signature): never accepted by this pass. */
interface ForeignType {
  kind: "foreign";
}
type ElementType = SimpleType | ComplexType | ForeignType;

interface ElementParticle {
  kind: "element";
  ns: string | null;
  name: string;
  min: number;
  max: number;
  type: () => ElementType;
  /** xs:unique with a child selector and a child field: (selector, field). */
  unique: ReadonlyArray<[string, string]>;
}
interface GroupParticle {
  kind: "sequence" | "choice";
  min: number;
  max: number;
  items: Particle[];
}
type Particle = ElementParticle | GroupParticle;

class UnsupportedSchema extends Error {}

function unsupported(what: string): never {
  throw new UnsupportedSchema(`passes-hocba-schema: the schema uses ${what}, which this pass does not know`);
}

/** XSD's whitespace characters (\s in its regular expressions), narrower than JavaScript's \s. */
const XSD_SPACE = " \\t\\n\\r";

/**
 * An XSD pattern as an anchored JavaScript expression that matches no more than XSD's would:
 * \s is XSD's four characters; a negated \p{Z} also leaves out what older Unicode tables called
 * a space; `^` and `$` are characters in XSD. What could widen the
 * match (\i, \c, class subtraction) is refused.
 */
export function xsdPatternToRegExp(pattern: string): RegExp {
  let out = "";
  let inClass = false;
  let negated = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\") {
      const n = pattern[++i];
      if (n === undefined) unsupported(`the pattern ${pattern}`);
      if (n === "s") out += inClass ? XSD_SPACE : `[${XSD_SPACE}]`;
      else if (n === "S") {
        // [\s\S], "any character", is the only class that holds \S here.
        if (inClass) {
          if (out.endsWith(`[${XSD_SPACE}`) && pattern[i + 1] === "]") {
            out = `${out.slice(0, -(XSD_SPACE.length + 1))}[^`;
            i++;
            inClass = false;
            out += "]";
            continue;
          }
          unsupported(`\\S inside a class in ${pattern}`);
        }
        out += `[^${XSD_SPACE}]`;
      } else if (n === "p" || n === "P") {
        const close = pattern.indexOf("}", i);
        if (pattern[i + 1] !== "{" || close === -1) unsupported(`the pattern ${pattern}`);
        const prop = pattern.slice(i - 1, close + 1);
        out += prop;
        // Space separators in the older Unicode tables libxml2 carries (U+180E, U+200B), not today's.
        if (inClass && negated && prop === "\\p{Z}") out += "\\u180E\\u200B";
        if (!inClass && prop === "\\p{Z}") unsupported(`\\p{Z} outside a class in ${pattern}`);
        i = close;
      } else if (n === "-") out += inClass ? "\\-" : "-";
      else if (".\\^[](){}*+?|$".includes(n)) out += `\\${n}`;
      else if (n === "n" || n === "r" || n === "t") out += `\\${n}`;
      else unsupported(`\\${n} in ${pattern}`);
    } else if (c === "[") {
      if (inClass) unsupported(`class subtraction in ${pattern}`);
      inClass = true;
      negated = pattern[i + 1] === "^";
      out += negated ? "[^" : "[";
      if (negated) i++;
    } else if (c === "]") {
      inClass = false;
      out += "]";
    } else if (!inClass && (c === "^" || c === "$")) out += `\\${c}`;
    else if (!inClass && c === ".") out += "[^\\n\\r\\u2028\\u2029]";
    else out += c;
  }
  if (inClass) unsupported(`the pattern ${pattern}`);
  return new RegExp(`^(?:${out})$`, "u");
}

/** The value has nothing whitespace collapsing would change (else libxml2 decides). */
const COLLAPSED = /^(?:[^ \t\n\r]+(?: [^ \t\n\r]+)*)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYYY-MM-DD with a real day, years 1000 to 9999 (narrower than xs:date). */
function isPlainDate(v: string): boolean {
  const m = /^([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})/.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** Built-in base types, each no wider than XSD's (values it is unsure of are left to libxml2). */
const BUILT_IN: Record<string, ValueCheck> = {
  string: () => true,
  decimal: (v) => /^[+-]?(?:[0-9]{1,18}(?:\.[0-9]{0,18})?|\.[0-9]{1,18})$/.test(v),
  positiveInteger: (v) => /^[1-9][0-9]{0,17}$/.test(v),
  ID: (v) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v),
  date: (v) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v) && isPlainDate(v),
  dateTime: (v) => {
    const m =
      /^[0-9]{4}-[0-9]{2}-[0-9]{2}T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]{1,3})?(Z|[+-]([0-9]{2}):([0-9]{2}))$/.exec(
        v,
      );
    if (!m || !isPlainDate(v)) return false;
    const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (h > 23 || min > 59 || s > 59) return false;
    return m[4] === "Z" || (Number(m[5]) <= 13 && Number(m[6]) <= 59) || m[4]?.slice(1) === "14:00";
  },
};
/** Base types whose whitespace is collapsed before facets apply. */
const COLLAPSING = new Set(["decimal", "positiveInteger", "ID", "date", "dateTime"]);

function childElements(el: TreeElement, ns: string): TreeElement[] {
  const out: TreeElement[] = [];
  for (const c of el.kids) if (c.nodeType === 1 && c.namespaceURI === ns) out.push(c);
  return out;
}

function occurs(el: TreeElement): { min: number; max: number } {
  const min = el.getAttribute("minOccurs");
  const max = el.getAttribute("maxOccurs");
  return {
    min: min === null ? 1 : Number(min),
    max: max === null ? 1 : max === "unbounded" ? Infinity : Number(max),
  };
}

/** The schema's named types and HocBaSo's declaration, compiled once. */
class Compiled {
  private readonly named = new Map<string, TreeElement>();
  private readonly types = new Map<string, ElementType>();
  readonly roots = new Map<string, ElementParticle>();
  /** DLHocBa as HocBaSo declares it. */
  readonly data: ElementParticle;

  constructor(xsd: string) {
    // The schema is ours and trusted; its comments are all the strict parser refuses.
    const schema = parseHocBaXml(xsd.replace(/<!--[\s\S]*?-->/g, "")).documentElement as TreeElement;
    if (schema.getAttribute("targetNamespace") !== null) unsupported("a target namespace");
    if (schema.getAttribute("elementFormDefault") === "qualified") unsupported("qualified elements");
    const top = childElements(schema, XS);
    for (const c of top) {
      if (c.localName === "complexType" || c.localName === "simpleType") {
        this.named.set(c.getAttribute("name") ?? "", c);
      } else if (!["element", "import", "annotation"].includes(c.localName)) unsupported(`xs:${c.localName}`);
    }
    for (const c of top) {
      if (c.localName === "element") this.roots.set(c.getAttribute("name") ?? "", this.element(c, true));
    }
    const root = this.roots.get("HocBaSo")?.type();
    const data =
      root?.kind === "complex" && root.content?.kind === "sequence" ? root.content.items[0] : undefined;
    if (data?.kind !== "element" || data.name !== "DLHocBa") unsupported("a root without DLHocBa first");
    this.data = data;
    // Every named type compiles now, so that an unknown construct fails here, not on some document.
    for (const name of this.named.keys()) this.namedType(name);
  }

  private namedType(name: string): ElementType {
    const known = this.types.get(name);
    if (known) return known;
    const decl = this.named.get(name);
    if (!decl) unsupported(`the undeclared type ${name}`);
    const type = decl.localName === "simpleType" ? this.simpleType(decl) : this.complexType(decl);
    this.types.set(name, type);
    return type;
  }

  /** A type="..." reference: xs:* built-ins or the schema's own types. */
  private typeRef(ref: string, at: TreeElement): ElementType {
    const [prefix, local] = ref.includes(":") ? ref.split(":") : [null, ref];
    if (prefix !== null && at.lookupNamespaceURI(prefix) === XS) {
      const check = BUILT_IN[local ?? ""];
      if (!check) unsupported(`xs:${local}`);
      return { kind: "simple", check: COLLAPSING.has(local ?? "") ? collapsed(check) : check };
    }
    if (prefix !== null) unsupported(`the type ${ref}`);
    return this.namedType(local ?? "");
  }

  private simpleType(decl: TreeElement): SimpleType {
    const parts = childElements(decl, XS).filter((c) => c.localName !== "annotation");
    const restriction = parts[0];
    if (parts.length !== 1 || restriction?.localName !== "restriction") {
      unsupported("a simple type not a restriction");
    }
    const base = restriction.getAttribute("base") ?? "";
    const baseType = this.typeRef(base, restriction);
    if (baseType.kind !== "simple") unsupported(`a simple type on ${base}`);
    const patterns: RegExp[] = [];
    const enumeration: string[] = [];
    let min: number | undefined;
    let max: number | undefined;
    for (const f of childElements(restriction, XS)) {
      const value = f.getAttribute("value") ?? "";
      if (f.localName === "pattern") patterns.push(xsdPatternToRegExp(value));
      else if (f.localName === "enumeration") enumeration.push(value);
      else if (f.localName === "minInclusive") min = Number(value);
      else if (f.localName === "maxInclusive") max = Number(value);
      else if (f.localName !== "annotation") unsupported(`the facet xs:${f.localName}`);
    }
    if ((min !== undefined || max !== undefined) && !base.endsWith(":decimal")) {
      unsupported(`bounds on ${base}`);
    }
    const check: ValueCheck = (v) =>
      baseType.check(v) &&
      (patterns.length === 0 || patterns.some((p) => p.test(v))) &&
      (enumeration.length === 0 || enumeration.includes(v)) &&
      (min === undefined || Number(v) >= min) &&
      (max === undefined || Number(v) <= max);
    return { kind: "simple", check };
  }

  private complexType(decl: TreeElement): ComplexType {
    let content: Particle | undefined;
    const attributes = new Map<string, { required: boolean; check: ValueCheck }>();
    for (const c of childElements(decl, XS)) {
      if (c.localName === "annotation") continue;
      if (c.localName === "sequence" || c.localName === "choice") {
        if (content) unsupported("two content models");
        content = this.group(c);
      } else if (c.localName === "attribute") {
        const name = c.getAttribute("name");
        const type = this.typeRef(c.getAttribute("type") ?? "", c);
        const use = c.getAttribute("use") ?? "optional";
        const fixed = c.getAttribute("fixed");
        if (!name || type.kind !== "simple" || (use !== "required" && use !== "optional")) {
          unsupported(`the attribute ${name ?? "?"}`);
        }
        if (c.getAttribute("default") !== null) unsupported("a default value");
        const check: ValueCheck = fixed === null ? type.check : (v) => v === fixed && type.check(v);
        attributes.set(name, { required: use === "required", check });
      } else unsupported(`xs:${c.localName} in a complex type`);
    }
    if (decl.getAttribute("mixed") === "true") unsupported("mixed content");
    const required = [...attributes.values()].filter((a) => a.required).length;
    return { kind: "complex", content, attributes, required };
  }

  private group(decl: TreeElement): GroupParticle {
    const items: Particle[] = [];
    for (const c of childElements(decl, XS)) {
      if (c.localName === "element") items.push(this.element(c));
      else if (c.localName === "sequence" || c.localName === "choice") items.push(this.group(c));
      else if (c.localName !== "annotation") unsupported(`xs:${c.localName} in a model group`);
    }
    return { kind: decl.localName as "sequence" | "choice", ...occurs(decl), items };
  }

  private element(decl: TreeElement, global = false): ElementParticle {
    for (const a of ["nillable", "default", "fixed", "substitutionGroup", "abstract", "form"]) {
      if (decl.getAttribute(a) !== null) unsupported(`${a} on an element`);
    }
    const ref = decl.getAttribute("ref");
    const unique: Array<[string, string]> = [];
    let inline: TreeElement | undefined;
    for (const c of childElements(decl, XS)) {
      if (c.localName === "annotation") continue;
      if (c.localName === "complexType" || c.localName === "simpleType") inline = c;
      else if (c.localName === "unique") {
        const selector = childElements(c, XS)
          .find((s) => s.localName === "selector")
          ?.getAttribute("xpath");
        const field = childElements(c, XS)
          .find((s) => s.localName === "field")
          ?.getAttribute("xpath");
        if (!selector || !field || !/^[A-Za-z]\w*$/.test(selector) || !/^[A-Za-z]\w*$/.test(field)) {
          unsupported("an xs:unique other than child/child");
        }
        unique.push([selector, field]);
      } else unsupported(`xs:${c.localName} in an element`);
    }
    const where = global ? { min: 1, max: 1 } : occurs(decl);
    if (ref !== null) {
      const [prefix, local] = ref.split(":");
      return {
        kind: "element",
        ns: decl.lookupNamespaceURI(prefix ?? null),
        name: local ?? ref,
        ...where,
        type: () => ({ kind: "foreign" }),
        unique,
      };
    }
    const name = decl.getAttribute("name") ?? unsupported("an element without a name");
    const typeName = decl.getAttribute("type");
    let type: ElementType | undefined;
    const resolve = (): ElementType => {
      if (type) return type;
      if (inline) {
        type = inline.localName === "simpleType" ? this.simpleType(inline) : this.complexType(inline);
      } else if (typeName) type = this.typeRef(typeName, decl);
      else unsupported(`the element ${name} without a type`);
      return type;
    };
    // Inline types compile at once (they belong to this declaration); named ones when all are known.
    if (inline) resolve();
    return { kind: "element", ns: null, name, ...where, type: resolve, unique };
  }
}

function collapsed(check: ValueCheck): ValueCheck {
  return (v) => COLLAPSED.test(v) && check(v);
}

let compiled: Compiled | undefined;

function schemaOnce(): Compiled {
  return (compiled ??= new Compiled(HOCBASO_XSD));
}

/** An element's name as the particles' first sets hold it. */
function keyOf(el: { namespaceURI: string | null; localName: string }): string {
  return el.namespaceURI === null ? el.localName : `{${el.namespaceURI}}${el.localName}`;
}

/** Whether `p`'s content (one occurrence) can be empty. */
function emptiable(p: Particle): boolean {
  if (p.kind === "element") return false;
  return p.kind === "choice"
    ? p.items.some((i) => i.min === 0 || emptiable(i))
    : p.items.every((i) => i.min === 0 || emptiable(i));
}

/** The names of the elements `p` can start with. */
function firstOf(p: Particle): Set<string> {
  if (p.kind === "element") return new Set([keyOf({ namespaceURI: p.ns, localName: p.name })]);
  const first = new Set<string>();
  for (const i of p.items) {
    for (const k of firstOf(i)) first.add(k);
    if (p.kind === "sequence" && i.min > 0 && !emptiable(i)) break;
  }
  return first;
}

interface Facts {
  first: Set<string>;
  empty: boolean;
}
const factsOf = new WeakMap<Particle, Facts>();
function facts(p: Particle): Facts {
  let f = factsOf.get(p);
  if (!f) factsOf.set(p, (f = { first: firstOf(p), empty: emptiable(p) }));
  return f;
}

/**
 * Matches `p` against kids[pos...] (their names in keys): the position after it, or -1. Greedy on
 * the first element of each particle, which is exact for a schema whose particles are unambiguous
 * (XSD's Unique Particle Attribution); any derivation it finds is a valid one, so a `true` is
 * never wrong.
 */
function match(p: Particle, kids: readonly TreeElement[], keys: readonly string[], pos: number): number {
  const { first, empty } = facts(p);
  let count = 0;
  while (count < p.max && pos < kids.length && first.has(keys[pos] as string)) {
    if (p.kind === "element") {
      if (!valid(p, kids[pos] as TreeElement)) return -1;
      pos++;
    } else if (p.kind === "sequence") {
      for (const item of p.items) {
        pos = match(item, kids, keys, pos);
        if (pos === -1) return -1;
      }
    } else {
      const key = keys[pos] as string;
      const item = p.items.find((i) => facts(i).first.has(key));
      pos = item ? match(item, kids, keys, pos) : -1;
      if (pos === -1) return -1;
    }
    count++;
  }
  // Fewer occurrences than required: still a match when one occurrence may be empty.
  return count >= p.min || empty ? pos : -1;
}

function textOf(el: TreeElement): string | undefined {
  let s = "";
  for (const c of el.kids) {
    if (c.nodeType !== 3) return undefined;
    s += c.data;
  }
  return s;
}

function valid(decl: ElementParticle, el: TreeElement): boolean {
  const type = decl.type();
  if (type.kind === "foreign") return false;
  let required = 0;
  for (const a of el.attrs) {
    if (a.namespaceURI === XMLNS_NS) continue;
    const attr =
      type.kind === "complex" && a.namespaceURI === null ? type.attributes.get(a.localName) : undefined;
    if (!attr || !attr.check(a.value)) return false;
    if (attr.required) required++;
  }
  if (type.kind === "simple") {
    const text = textOf(el);
    return text !== undefined && type.check(text);
  }
  if (required !== type.required) return false;
  // Empty content: no child at all, not even whitespace (XSD 1.0, 3.4.4, 2.1).
  if (!type.content) return el.kids.length === 0;
  const kids: TreeElement[] = [];
  const keys: string[] = [];
  for (const c of el.kids) {
    if (c.nodeType === 1) {
      kids.push(c);
      keys.push(keyOf(c));
    }
    // Element-only content: whitespace between elements, and nothing else (CR left to libxml2).
    else if (!/^[ \t\n]*$/.test(c.data)) return false;
  }
  if (match(type.content, kids, keys, 0) !== kids.length) return false;
  for (const [selector, field] of decl.unique) {
    const seen = new Set<string>();
    for (const k of kids) {
      if (k.localName !== selector || k.namespaceURI !== null) continue;
      const f = k.kids.find((c): c is TreeElement => c.nodeType === 1 && c.localName === field);
      const value = f ? textOf(f) : undefined;
      if (value === undefined) continue;
      if (seen.has(value)) return false;
      seen.add(value);
    }
  }
  return true;
}

/**
 * True when `element` (from parseHocBaXml) is valid as the schema declares it, as libxml2 would
 * find it: a whole unsigned document (HocBaSo, its DSCKS empty: a signature is never passed here),
 * or a DLHocBa as HocBaSo declares it, as in `<HocBaSo PhienBan="1.0">…<DSCKS/></HocBaSo>`. False
 * when it is not, or when this pass cannot tell (then libxml2 decides).
 */
export function passesHocBaSchema(element: TreeElement): boolean {
  const schema = schemaOnce();
  if (element.namespaceURI !== null) return false;
  const decl = element.localName === schema.data.name ? schema.data : schema.roots.get(element.localName);
  return decl !== undefined && valid(decl, element);
}
