import {
  ParseOption,
  XmlBufferInputProvider,
  XmlDocument,
  XmlLibError,
  xmlRegisterInputProvider,
  XmlXPath,
  XsdValidator,
  type ErrorDetail,
} from "libxml2-wasm";
import { formatMessage, type MessageCode, type MessageParams } from "../../shared/errors/message-table.ts";
import { XMLDSIG_XSD_FILE_NAME, XSD_FILE_NAME } from "../../shared/xml/hocbaso-v1/format.ts";
import { decodeUtf8, findForbiddenMarkup, lineAt } from "../../shared/xml/hocbaso-v1/markup-rules.ts";
import { INVISIBLE_CHARACTER, textRuleViolation } from "../../shared/xml/hocbaso-v1/text-rules.ts";
import { HOCBASO_XSD, XMLDSIG_XSD } from "../../shared/xml/hocbaso-v1/schema-files.generated.ts";
import { signingRolesFor } from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/**
 * In-process validation of a học bạ số 1.0 document (built, or signed): the format's byte rules
 * (UTF-8 without BOM, no DOCTYPE/comment/PI/CDATA, NFC text without invisible characters), then the XSD with libxml2 compiled
 * to WebAssembly (no network, no native build, same engine as the xmllint CLI). The signing helper
 * refuses anything for which `ok` is false.
 */

export interface HocBaValidationIssue {
  code: MessageCode;
  /** 1-based line in the document, when known. */
  line: number | null;
  /** Vietnamese message. */
  message: string;
  /** libxml2's own text (English), for schema and parse errors. */
  detail?: string;
  /** Where, as libxml2 names the node ("/HocBaSo/DLHocBa/HocVien/HoTen[2]"), for schema errors. */
  path?: string;
}

export interface HocBaValidation {
  ok: boolean;
  errors: HocBaValidationIssue[];
}

/** At most this many issues are reported: one broken document can produce thousands. */
const MAX_ISSUES = 50;

/** Virtual location of the schema, so that its relative import resolves to the bundled companion. */
const SCHEMA_URL = `/hocba-signer/schema/${XSD_FILE_NAME}`;
const XMLDSIG_URL = `/hocba-signer/schema/${XMLDSIG_XSD_FILE_NAME}`;

/**
 * Parse options for untrusted input: no network, no external entities, no entity substitution.
 * The byte rules already refused a DOCTYPE; this is defence in depth.
 */
const SAFE_PARSE = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

let validator: XsdValidator | undefined;

function schemaValidator(): XsdValidator {
  if (validator) return validator;
  const encoder = new TextEncoder();
  // Serves only the companion schema, by its exact virtual path: nothing else can be loaded.
  xmlRegisterInputProvider(new XmlBufferInputProvider({ [XMLDSIG_URL]: encoder.encode(XMLDSIG_XSD) }));
  const schemaDoc = XmlDocument.fromBuffer(encoder.encode(HOCBASO_XSD), {
    url: SCHEMA_URL,
    option: SAFE_PARSE,
  });
  try {
    validator = XsdValidator.fromDoc(schemaDoc);
  } finally {
    schemaDoc.dispose();
  }
  return validator;
}

function issue(
  code: MessageCode,
  line: number | null,
  params: MessageParams,
  detail?: string,
): HocBaValidationIssue {
  return {
    code,
    line,
    message: formatMessage(code, { line: line ?? "?", ...params }),
    ...(detail ? { detail } : {}),
  };
}

/** The format's rules on bytes and markup, which an XSD cannot express. */
function byteRuleIssues(bytes: Uint8Array): { issues: HocBaValidationIssue[]; text: string | null } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { issues: [issue("XML_HAS_BOM", 1, {})], text: null };
  }
  const text = decodeUtf8(bytes);
  if (text === null) return { issues: [issue("XML_READ_NOT_UTF8", null, {})], text: null };
  const issues = findForbiddenMarkup(text, MAX_ISSUES).map((f) =>
    issue("XML_READ_FORBIDDEN_MARKUP", f.line, { kind: f.kind }),
  );
  // The text rules hold for values as parsed: a character reference counts as its character.
  const values = text.includes("&#") ? text.replace(CHAR_REFERENCE, referencedCharacter) : text;
  const broken = textRuleViolation(values);
  if (broken?.rule === "invisible") {
    const at = values.search(INVISIBLE_CHARACTER);
    issues.push(issue("XML_INVISIBLE_CHAR", lineAt(values, at), { codePoint: broken.codePoint }));
  }
  if (values !== values.normalize("NFC")) {
    const bad = values.split("\n").findIndex((l) => l !== l.normalize("NFC"));
    issues.push(issue("XML_NOT_NFC", bad === -1 ? null : bad + 1, {}));
  }
  return { issues, text };
}

const CHAR_REFERENCE = /&#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}));/g;

/** The character a reference stands for; left as written when it names none (the parser refuses it). */
function referencedCharacter(whole: string, hex: string | undefined, dec: string | undefined): string {
  const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
}

function libxmlIssues(details: ErrorDetail[], code: MessageCode): HocBaValidationIssue[] {
  return details.slice(0, MAX_ISSUES).map((d) => {
    const detail = d.message.trim();
    const found =
      code === "XML_READ_MALFORMED"
        ? issue(code, d.line || null, { detail: `dòng ${d.line}: ${detail}` }, detail)
        : issue(code, d.line || null, { detail }, detail);
    return d.xpath ? { ...found, path: d.xpath } : found;
  });
}

/** SuKien and the first role container: all the schema leaves open about DSCKS. */
const FIRST_ROLE = XmlXPath.compile(
  "concat(/HocBaSo/DLHocBa/TTChung/SuKien, '|', name(/HocBaSo/DSCKS/*[1]))",
);

/**
 * The schema allows DSCKS to start with GVCN or with ThuTruong (XSD 1.0 cannot tie that to
 * SuKien): a record is signed by the GVCN first, a CANCEL by the head first and never by the GVCN
 * (signature-profile.ts). The schema has already fixed the rest of the order.
 */
function signingRoleIssues(doc: XmlDocument, text: string): HocBaValidationIssue[] {
  const facts = doc.eval(FIRST_ROLE);
  const [suKien = "", first = ""] = typeof facts === "string" ? facts.split("|") : [];
  if (first === "" || first === signingRolesFor(suKien)[0]) return [];
  const at = text.indexOf(`<${first}>`);
  return [issue("XML_SIGNING_ROLES_FOR_EVENT", at < 0 ? null : lineAt(text, at), { role: first, suKien })];
}

/**
 * The XSD alone (parse and schema, no byte rules, no role order), for a verifier's signed data in
 * its canonical form: its text rules were checked on the parsed values, and a canonical form has
 * no BOM, DOCTYPE, comment, PI or CDATA. Never throws for bad input.
 */
export function validateHocBaSchema(bytes: Uint8Array): HocBaValidationIssue[] {
  const xsd = schemaValidator();
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: SAFE_PARSE });
  } catch (err) {
    if (!(err instanceof XmlLibError)) throw err;
    return libxmlIssues(err.details, "XML_READ_MALFORMED");
  }
  try {
    xsd.validate(doc);
    return [];
  } catch (err) {
    if (!(err instanceof XmlLibError)) throw err;
    return libxmlIssues(err.details, "XML_SCHEMA_INVALID");
  } finally {
    doc.dispose();
  }
}

/** Validates one document; never throws for bad input (only for a broken installation). */
export function validateHocBaXml(bytes: Uint8Array): HocBaValidation {
  return validateHocBaXmlWith(bytes, () => undefined);
}

/**
 * validateHocBaXml, handing a valid document, already parsed by libxml2, and its text to `use`
 * before the parse is disposed: a caller that needs more from the document (the signer's
 * canonicalization) does not parse it a second time. `use` is not called for an invalid document.
 */
export function validateHocBaXmlWith<T>(
  bytes: Uint8Array,
  use: (doc: XmlDocument, text: string) => T,
): HocBaValidation & { value?: T } {
  const { issues, text } = byteRuleIssues(bytes);
  if (text === null || issues.some((i) => i.code === "XML_READ_FORBIDDEN_MARKUP")) {
    return { ok: false, errors: issues };
  }
  const xsd = schemaValidator();
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromBuffer(bytes, { option: SAFE_PARSE });
  } catch (err) {
    if (!(err instanceof XmlLibError)) throw err;
    return { ok: false, errors: [...issues, ...libxmlIssues(err.details, "XML_READ_MALFORMED")] };
  }
  try {
    try {
      xsd.validate(doc);
    } catch (err) {
      if (!(err instanceof XmlLibError)) throw err;
      issues.push(...libxmlIssues(err.details, "XML_SCHEMA_INVALID"));
    }
    if (issues.length === 0) issues.push(...signingRoleIssues(doc, text));
    if (issues.length === 0) return { ok: true, errors: [], value: use(doc, text) };
  } finally {
    doc.dispose();
  }
  return { ok: issues.length === 0, errors: issues.slice(0, MAX_ISSUES) };
}
