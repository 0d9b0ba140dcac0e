declare const recordRefBrand: unique symbol;

/**
 * Where a stored message is, as one number: segment id × 2^21 + record number. A queue's index holds it inline
 * (a small integer for a queue's first 1024 segments), so a million queued messages cost no objects here.
 */
export type RecordRef = number & { readonly [recordRefBrand]: true };

/** Records per segment the encoding leaves room for; a segment rolls over before reaching it. */
export const MAX_SEGMENT_RECORDS = 2 ** 21;

export const makeRef = (segmentId: number, no: number): RecordRef => (segmentId * MAX_SEGMENT_RECORDS + no) as RecordRef;
export const segmentIdOfRef = (ref: RecordRef): number => Math.floor(ref / MAX_SEGMENT_RECORDS);
export const recordNoOfRef = (ref: RecordRef): number => ref % MAX_SEGMENT_RECORDS;
