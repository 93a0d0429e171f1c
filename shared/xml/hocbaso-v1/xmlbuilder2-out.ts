import { create } from "xmlbuilder2";
import type { XmlOut } from "./xml-out.ts";

type XMLBuilder = ReturnType<typeof create>;

/** The same output as the string writer, through xmlbuilder2: the reference for tests. */
export class XmlBuilder2Out implements XmlOut {
  private readonly doc = create();
  private current: XMLBuilder = this.doc;

  open(name: string, attributes?: Readonly<Record<string, string>>): void {
    this.current = this.current.ele(name, attributes ? { ...attributes } : undefined);
  }

  leaf(name: string, text: string): void {
    const element = this.current.ele(name);
    if (text !== "") element.txt(text);
  }

  close(): void {
    this.current = this.current.up();
  }

  finish(): string {
    return this.doc.end({ headless: true, prettyPrint: false });
  }
}
