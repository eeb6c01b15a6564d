export { normalizeForMatching, originalRange, type NormalizedText } from './normalize.ts';
export { findBankCards, findLandlines, findMedicalRecordNumbers, findMobileNumbers, findResidentIds, isResidentId, mobileDigits, residentIdCheckDigit, type PiiMatch } from './pii.ts';
export { createSegmenter, defaultUserWords, type Segmenter } from './segment.ts';
export { TermMatcher, type TermMatch } from './term-matcher.ts';
export { visibleText } from './visible-text.ts';
