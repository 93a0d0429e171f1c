import type { Gradebook, Learner } from "../model/gradebook.ts";
import type { BuildHocBaOptions, BuiltHocBa, RecordEnvelope } from "./hocbaso-v1/build-hoc-ba-xml.ts";
import type { HocBaView } from "./hocbaso-v1/hoc-ba-view.ts";

/**
 * One học bạ số XML format: the mapping from the model, the reader and the schema. Adapters, rules
 * and signing depend on this interface only, so the Ministry's official format can be added as a
 * second implementation (e.g. shared/xml/hocbaso-v2/) without touching them.
 */
export interface HocBaFormat {
  /** Value of the root's PhienBan attribute. */
  phienBan: string;
  build(gb: Gradebook, learner: Learner, options?: BuildHocBaOptions, envelope?: RecordEnvelope): BuiltHocBa;
  /**
   * Checks gradebook-level data once, then builds learner by learner; `envelope` (a later version,
   * an archived version rebuilt) overrides the learner's banGhi.
   */
  createBuilder(
    gb: Gradebook,
    options?: BuildHocBaOptions,
  ): (learner: Learner, envelope?: RecordEnvelope) => BuiltHocBa;
  read(input: Uint8Array | string): HocBaView;
  /** Schema files by file name (the main one imports the others by relative schemaLocation). */
  schemaFiles: Readonly<Record<string, string>>;
  mainSchemaFile: string;
}
