export { normalizeForMatching, originalRange, type NormalizedText } from './normalize.ts';
export { findBankCards, findLandlines, findMedicalRecordNumbers, findMobileNumbers, findResidentIds, isResidentId, mobileDigits, residentIdCheckDigit, type PiiMatch } from './pii.ts';
export { createSegmenter, defaultUserWords, frequentWords, type Segmenter } from './segment.ts';
export { featureHash, hammingDistance, simhash, simhashOfHashes, SimHashIndex, type SimHash } from './simhash.ts';
export { TermMatcher, type TermMatch } from './term-matcher.ts';
export { reanchor, type TextSpan } from './text-anchor.ts';
export { visibleText } from './visible-text.ts';
