import type { HocBaFormat } from "../hoc-ba-format.ts";
import { buildHocBaXml, createHocBaBuilder } from "./build-hoc-ba-xml.ts";
import { PHIEN_BAN, XMLDSIG_XSD_FILE_NAME, XSD_FILE_NAME } from "./format.ts";
import { readHocBa } from "./read-hoc-ba.ts";
import { HOCBASO_XSD, XMLDSIG_XSD } from "./schema-files.generated.ts";

export { buildHocBaXml, createHocBaBuilder, defaultIdBanGhi, XML_DECLARATION } from "./build-hoc-ba-xml.ts";
export type { BuildHocBaOptions, BuiltHocBa, RecordEnvelope } from "./build-hoc-ba-xml.ts";
export { readHocBa } from "./read-hoc-ba.ts";
export type { HocBaView, KetQuaView, MonView, SuaDoiView, ThayTheView } from "./hoc-ba-view.ts";
export * from "./format.ts";
export * from "./signature-profile.ts";
export { safeHocBaFileName } from "./hoc-ba-file-name.ts";
export { HOCBASO_XSD, XMLDSIG_XSD } from "./schema-files.generated.ts";

/** Học bạ số format 1.0, the project's own (docs/format-hocbaso.md). */
export const hocBaSoV1: HocBaFormat = {
  phienBan: PHIEN_BAN,
  build: buildHocBaXml,
  createBuilder: createHocBaBuilder,
  read: readHocBa,
  schemaFiles: { [XSD_FILE_NAME]: HOCBASO_XSD, [XMLDSIG_XSD_FILE_NAME]: XMLDSIG_XSD },
  mainSchemaFile: XSD_FILE_NAME,
};
