/**
 * Mã nhóm cấp học (`manhomcaphoc`) of the sector database that the project serves: 05 Giáo dục
 * thường xuyên, 04 THPT (03 is THCS). Zod-free, so that the XML builder (in the extension's review
 * page) can check a code without pulling the model's zod schema into that bundle.
 */
export const CAP_HOC_CODES = ["05", "04"] as const;
export type CapHocCode = (typeof CAP_HOC_CODES)[number];

export function isCapHoc(value: string): value is CapHocCode {
  return (CAP_HOC_CODES as readonly string[]).includes(value);
}
