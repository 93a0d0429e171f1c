// Built by scripts/build/message-locales-plugin.ts: the English template of every message code.
declare module "virtual:hocba-messages-en" {
  const english: Readonly<Record<string, string>>;
  export default english;
}
