/**
 * PhienBanBanGhi of a học bạ document the helper returned: the first `<PhienBanBanGhi>` tag is
 * TTChung's (text never holds a literal "<", and it precedes ThayThe); 1 when absent.
 */
export function documentVersionOf(xml: string): number {
  const m = /<PhienBanBanGhi>([1-9][0-9]{0,8})<\/PhienBanBanGhi>/.exec(xml);
  return m ? Number(m[1]) : 1;
}
